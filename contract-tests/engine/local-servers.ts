// Servers this process started to prove the suite against (the reference server and its
// variants). A target at one of them is ours, not somebody's account: it gets the local
// defaults (writes on, no pace, no budget). A server in another process is always live.
const started = new Set<string>();

export function registerLocalServer(url: string): void {
  started.add(url.replace(/\/+$/, ''));
}

export function forgetLocalServer(url: string): void {
  started.delete(url.replace(/\/+$/, ''));
}

export function isLocalServer(url: string): boolean {
  return started.has(url.replace(/\/+$/, ''));
}
