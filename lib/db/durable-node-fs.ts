import 'server-only';
import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

// WASI error numbers the module hands back to Postgres for a failed fsync.
const WASI_ERRNO: Record<string, number> = { EBADF: 8, EINVAL: 28, EISDIR: 31 };
const WASI_EIO = 29;

type NodeStream = { nfd?: number };
type PostgresMod = Parameters<NodeFS['init']>[1];

/**
 * PGlite's Node file system, with a real fsync. The stock one (Emscripten's NODEFS) has no fsync
 * at all: Postgres's `fsync()` reaches it and returns success without touching the disk, so even
 * with `fsync=on` a power cut could lose acknowledged commits. This one forces the file to disk.
 */
export class DurableNodeFS extends NodeFS {
  /** How many files were forced to disk (a commit forces the WAL: one per commit at least). */
  syncs = 0;

  override async init(pg: PGlite, opts: PostgresMod): ReturnType<NodeFS['init']> {
    const result = await super.init(pg, opts);
    const preRun = result.emscriptenOpts.preRun ?? [];
    const patch = (mod: { FS: { filesystems: { NODEFS: { stream_ops: Record<string, unknown> } } } }) => {
      mod.FS.filesystems.NODEFS.stream_ops.fsync = (stream: NodeStream) => {
        if (stream.nfd === undefined) return 0;
        try {
          fs.fsyncSync(stream.nfd);
          this.syncs += 1;
          return 0;
        } catch (error) {
          // Postgres ignores EBADF/EINVAL on directories and stops (PANIC) on a real I/O error.
          return WASI_ERRNO[(error as NodeJS.ErrnoException).code ?? ''] ?? WASI_EIO;
        }
      };
    };
    // Before the mount (the stock preRun), so every file the database opens has it, start-up included.
    result.emscriptenOpts.preRun = [patch as unknown as (typeof preRun)[number], ...(Array.isArray(preRun) ? preRun : [preRun])];
    return result;
  }
}
