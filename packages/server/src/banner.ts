import { mintToken } from '@whiteroom/token';
import type { KeyProvisioning } from './keys.js';

/**
 * What `whiteroom serve` tells a person on start. It goes to standard error, apart from the JSON
 * log on standard output; on first start it holds a ready admin sdkToken, on purpose, because the
 * person starting the server is the one who needs it. No log line ever carries it.
 */
export function startBanner(url: string, provisioning: KeyProvisioning, dataOption = ''): string {
  const lines = [
    '',
    `  Whiteroom is running at ${url}`,
    `  Whiteboard: ${url}/        (create a room, share the link, draw together)`,
    `  REST API:  ${url}/v5/rooms   (legacy: ${url}/room)`,
    `  API docs:  ${url}/docs       (OpenAPI: ${url}/openapi.json)`,
  ];

  if (provisioning.kind === 'generated') {
    const { keyPair, secretFile } = provisioning;
    const sdkToken = mintToken('sdk', {
      accessKey: keyPair.accessKey,
      secretAccessKey: keyPair.secretAccessKey,
      role: 'admin',
    });
    lines.push(
      '',
      '  A key pair was created for this new data folder:',
      `    access key:         ${keyPair.accessKey}`,
      `    secret access key:  kept in ${secretFile} (readable by you only)`,
      `    team / app:         ${keyPair.teamUUID} / ${keyPair.appUUID}`,
      '',
      '  An admin sdkToken that never expires, for your business server (keep it off browsers):',
      `    ${sdkToken}`,
      '',
      '  Try it:',
      `    curl -X POST ${url}/v5/rooms -H 'content-type: application/json' \\`,
      `      -H 'token: ${sdkToken}' -d '{"name":"first room"}'`,
      `  More tokens: npx whiteroom token sdk --role admin${dataOption}`,
    );
  } else if (provisioning.kind === 'fromEnvironment') {
    const state = provisioning.created ? 'added' : 'already known';
    lines.push('', `  Key pair from the environment (${state}): ${provisioning.keyPair.accessKey}`);
  }
  lines.push('');
  return lines.join('\n');
}
