import os from 'node:os';

/** What the figures were measured on, since they mean little without it. */
export function describeMachine(): string[] {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memory = (os.totalmem() / 2 ** 30).toFixed(1);
  return [
    `machine  ${model}, ${cpus.length} cores, ${memory} GiB memory`,
    `system   ${os.type()} ${os.release()} ${os.arch()}`,
    `node     ${process.version} (V8 ${process.versions.v8}, OpenSSL ${process.versions.openssl})`,
  ];
}
