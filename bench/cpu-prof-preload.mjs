// Preloaded into the app by `npm run bench:pages -- --cpu-prof DIR` (NODE_OPTIONS=--import …: Node 20
// refuses --cpu-prof there): V8's sampling profiler from start-up to exit, written to DIR as
// app-<pid>.cpuprofile (the in-thread inspector session answers synchronously, so an exit handler can).
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env.VR_CPU_PROF_DIR;
if (dir) {
  fs.mkdirSync(dir, { recursive: true });
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, `app-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
