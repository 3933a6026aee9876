import 'server-only';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: Level = 'info';

/** Sets the lowest level written (from `LOG_LEVEL` through the config). */
export function setLogLevel(level: Level): void {
  threshold = level;
}

function write(level: Level, message: string): void {
  if (order[level] < order[threshold]) return;
  const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}`;
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

/** Plain one-line logs. Callers pass sentences, never tokens or secrets. */
export const log = {
  debug: (message: string) => write('debug', message),
  info: (message: string) => write('info', message),
  warn: (message: string) => write('warn', message),
  error: (message: string) => write('error', message),
};
