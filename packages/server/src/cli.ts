import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES, mintToken, type Role, type TokenKind } from '@whiteroom/token';
import { startBanner } from './banner.js';
import { DEFAULT_CONFIG, resolveDataDir } from './config.js';
import { runExportCommand } from './export/command.js';
import type { ExportFormat } from './export/exporter.js';
import { generateKeyPair } from './keys.js';
import { startServer } from './server.js';
import { SQLITE_FILE_NAME, openSqliteStorage } from './storage/sqlite.js';
import type { KeyPairRecord, Storage } from './storage/storage.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  }
  return port;
}

function parsePublicUrl(value: string): string {
  // An empty WHITEROOM_PUBLIC_URL is no public URL, as an unset one.
  if (value.trim() === '') return '';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('a public URL is an absolute http or https address');
  }
  // `?` and `#` count even when empty: the links are this address with a path added.
  const extra = value.includes('?') || value.includes('#') || url.username || url.password;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || extra) {
    throw new InvalidArgumentError(
      'a public URL is an http or https address with no query, fragment or credentials',
    );
  }
  return url.href.replace(/\/+$/, '');
}

function parseLifespan(value: string): number {
  const lifespan = Number(value);
  if (!Number.isSafeInteger(lifespan) || lifespan < 0) {
    throw new InvalidArgumentError('lifespan is a whole number of milliseconds, 0 for never');
  }
  return lifespan;
}

function parsePositive(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError('a whole number of at least 1');
  }
  return number;
}

/** A room-server limit; its default is in docs/operations.md and realtime/limits.ts. */
const limitOption = (flags: string, description: string, env: string) =>
  new Option(flags, description).env(env).argParser(parsePositive);

interface ServeOptions {
  appRooms: boolean;
  port: number;
  host: string;
  data: string;
  logLevel: string;
  region: string;
  publicUrl?: string;
  maxFrameBytes?: number;
  changesPerSecond?: number;
  maxPointsPerStroke?: number;
  maxElementsPerPage?: number;
  maxPagesPerRoom?: number;
  maxBufferedBytes?: number;
  presenceSampleMs?: number;
  pageKeyframeBytes?: number;
}

/** An environment switch set to off: `false`, `0`, `no` or `off`. */
const isOff = (value: string | undefined) =>
  value !== undefined && ['false', '0', 'no', 'off'].includes(value.trim().toLowerCase());

const dataOption = () =>
  new Option('--data <dir>', 'data folder').env('WHITEROOM_DATA').default(DEFAULT_CONFIG.dataDir);

/** Stops with a message, without the usage text: the command was right, the situation is not. */
/** How a room's uuid is written. */
const ROOM_UUID = /^[0-9a-f]{32}$/;

function fail(message: string): never {
  process.stderr.write(`whiteroom: ${message}\n`);
  process.exit(1);
}

/**
 * Runs `action` with the data folder's storage open, and closes it after. Only `create` may make
 * a new data folder; the other commands would otherwise leave an empty one behind a typo.
 */
async function withStorage<T>(
  dataDir: string,
  action: (storage: Storage) => Promise<T>,
  { create = false } = {},
) {
  const folder = resolveDataDir(dataDir);
  if (!create && !existsSync(path.join(folder, SQLITE_FILE_NAME))) {
    fail(`no Whiteroom data in ${folder}: start the server once, or give --data`);
  }
  const storage = openSqliteStorage({ dataDir: folder });
  try {
    return await action(storage);
  } finally {
    await storage.close();
  }
}

function describeKeyPair(pair: KeyPairRecord): string {
  const state = pair.disabled ? 'disabled' : 'enabled';
  return `${pair.accessKey}  ${state.padEnd(8)}  team ${pair.teamUUID}  app ${pair.appUUID}  created ${pair.createdAt}`;
}

// Typed explicitly so that TypeScript sees program.error() never returns.
const program: Command = new Command('whiteroom')
  .description('Whiteroom: a self-hosted real-time whiteboard server')
  .showHelpAfterError();

program
  .command('serve')
  .description('start the server')
  .addOption(
    new Option('--port <n>', 'HTTP port').env('WHITEROOM_PORT').argParser(parsePort).default(8080),
  )
  .addOption(
    new Option('--host <host>', 'address to listen on')
      .env('WHITEROOM_HOST')
      .default(DEFAULT_CONFIG.host),
  )
  .addOption(dataOption())
  .addOption(
    new Option('--log-level <level>', 'log level')
      .env('WHITEROOM_LOG_LEVEL')
      .choices(LOG_LEVELS)
      .default('info'),
  )
  .addOption(
    new Option('--region <region>', 'region recorded on rooms created without one')
      .env('WHITEROOM_REGION')
      .default(DEFAULT_CONFIG.region),
  )
  .addOption(
    new Option(
      '--public-url <url>',
      'where clients reach this server, such as https://board.example.com behind a proxy; ' +
        'used in the links of exported files (default: the address each request came to)',
    )
      .env('WHITEROOM_PUBLIC_URL')
      .argParser(parsePublicUrl),
  )
  .option(
    '--no-app-rooms',
    'do not let the web app create rooms itself (env: WHITEROOM_APP_ROOMS=false); ' +
      'rooms then come from your business server',
  )
  .addOption(
    limitOption('--max-frame-bytes <n>', 'largest WebSocket message', 'WHITEROOM_MAX_FRAME_BYTES'),
  )
  .addOption(
    limitOption(
      '--changes-per-second <n>',
      'board changes a second per connection',
      'WHITEROOM_CHANGES_PER_SECOND',
    ),
  )
  .addOption(
    limitOption(
      '--max-points-per-stroke <n>',
      'points in one pencil stroke',
      'WHITEROOM_MAX_POINTS_PER_STROKE',
    ),
  )
  .addOption(
    limitOption(
      '--max-elements-per-page <n>',
      'elements on one page',
      'WHITEROOM_MAX_ELEMENTS_PER_PAGE',
    ),
  )
  .addOption(
    limitOption('--max-pages-per-room <n>', 'pages in one room', 'WHITEROOM_MAX_PAGES_PER_ROOM'),
  )
  .addOption(
    limitOption(
      '--max-buffered-bytes <n>',
      'bytes queued for one slow client before it is dropped',
      'WHITEROOM_MAX_BUFFERED_BYTES',
    ),
  )
  .addOption(
    limitOption(
      '--presence-sample-ms <n>',
      'milliseconds between recorded cursor positions of a member (historied rooms)',
      'WHITEROOM_PRESENCE_SAMPLE_MS',
    ),
  )
  .addOption(
    limitOption(
      '--page-keyframe-bytes <n>',
      "bytes of a page's changes after which a historied room stores the page for replay",
      'WHITEROOM_PAGE_KEYFRAME_BYTES',
    ),
  )
  .action(async (options: ServeOptions) => {
    const server = await startServer({
      port: options.port,
      host: options.host,
      dataDir: options.data,
      logLevel: options.logLevel as (typeof DEFAULT_CONFIG)['logLevel'],
      region: options.region,
      publicUrl: options.publicUrl || undefined,
      appRooms: options.appRooms && !isOff(process.env.WHITEROOM_APP_ROOMS),
      accessKey: process.env.WHITEROOM_ACCESS_KEY,
      secretAccessKey: process.env.WHITEROOM_SECRET_ACCESS_KEY,
      realtime: {
        maxFrameBytes: options.maxFrameBytes,
        changesPerSecond: options.changesPerSecond,
        maxPointsPerStroke: options.maxPointsPerStroke,
        maxElementsPerPage: options.maxElementsPerPage,
        maxPagesPerRoom: options.maxPagesPerRoom,
        maxBufferedBytes: options.maxBufferedBytes,
        presenceSampleMs: options.presenceSampleMs,
        pageKeyframeBytes: options.pageKeyframeBytes,
      },
    });
    process.stderr.write(
      startBanner(
        server.url,
        server.provisioning,
        options.data === DEFAULT_CONFIG.dataDir ? '' : ` --data ${options.data}`,
      ) + '\n',
    );

    let signals = 0;
    const stop = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) {
        server.logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(1);
      }
      server.logger.info({ signal }, 'shutting down');
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          server.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

const keys = program.command('keys').description('manage access key pairs of a data folder');

keys
  .command('create')
  .description('create a key pair (for a new app, or another pair of an existing app)')
  .addOption(dataOption())
  .option('--team <teamUUID>', 'team of an existing app (with --app)')
  .option('--app <appUUID>', 'an existing app, to add a second key pair to it (key rotation)')
  .action(async (options: { data: string; team?: string; app?: string }, command: Command) => {
    if ((options.team === undefined) !== (options.app === undefined)) {
      command.error('whiteroom: give --team and --app together, or neither');
    }
    const app =
      options.team && options.app ? { teamUUID: options.team, appUUID: options.app } : undefined;
    await withStorage(
      options.data,
      async (storage) => {
        const pair = await storage.keyPairs.create(generateKeyPair(app));
        // The one time a secret is shown: whoever creates a key pair has to hand it over.
        process.stdout.write(
          JSON.stringify(
            {
              accessKey: pair.accessKey,
              secretAccessKey: pair.secretAccessKey,
              teamUUID: pair.teamUUID,
              appUUID: pair.appUUID,
            },
            null,
            2,
          ) + '\n',
        );
      },
      { create: true },
    );
  });

keys
  .command('list')
  .description('list key pairs (secrets are not shown)')
  .addOption(dataOption())
  .option('--json', 'print JSON')
  .action(async (options: { data: string; json?: boolean }) => {
    await withStorage(options.data, async (storage) => {
      const pairs = await storage.keyPairs.list();
      if (options.json) {
        const shown = pairs.map(({ accessKey, teamUUID, appUUID, disabled, createdAt }) => ({
          accessKey,
          teamUUID,
          appUUID,
          disabled,
          createdAt,
        }));
        process.stdout.write(JSON.stringify(shown, null, 2) + '\n');
      } else if (pairs.length === 0) {
        process.stdout.write('no key pairs\n');
      } else {
        process.stdout.write(pairs.map(describeKeyPair).join('\n') + '\n');
      }
    });
  });

for (const [name, disabled] of [
  ['disable', true],
  ['enable', false],
] as const) {
  keys
    .command(name)
    .description(
      disabled
        ? 'refuse every token of a key pair from now on'
        : "accept a key pair's tokens again",
    )
    .argument('<accessKey>')
    .addOption(dataOption())
    .action(async (accessKey: string, options: { data: string }) => {
      await withStorage(options.data, async (storage) => {
        const pair = await storage.keyPairs.setDisabled(accessKey, disabled);
        if (!pair) fail(`no key pair with access key ${accessKey}`);
        process.stdout.write(describeKeyPair(pair) + '\n');
      });
    });
}

program
  .command('token')
  .description('mint a token with a key pair of the data folder (or the WHITEROOM_* key pair)')
  .addArgument(
    new Command().createArgument('<kind>', 'sdk, room or task').choices(['sdk', 'room', 'task']),
  )
  .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
  .addOption(
    new Option('--lifespan <ms>', 'milliseconds the token lives, 0 for never')
      .argParser(parseLifespan)
      .default(0),
  )
  .option('--uuid <uuid>', 'the room or task uuid (room and task tokens)')
  .addOption(dataOption())
  .addOption(
    new Option(
      '--access-key <accessKey>',
      'which key pair of the data folder (default: the first enabled one)',
    ).env('WHITEROOM_ACCESS_KEY'),
  )
  .action(
    async (
      kind: TokenKind,
      options: { role: Role; lifespan: number; uuid?: string; data: string; accessKey?: string },
      command: Command,
    ) => {
      if (kind !== 'sdk' && !ROOM_UUID.test(options.uuid ?? '')) {
        command.error(`whiteroom: a ${kind} token needs --uuid with 32 lower-case hex characters`);
      }
      const envSecret = process.env.WHITEROOM_SECRET_ACCESS_KEY;
      let pair: { accessKey: string; secretAccessKey: string } | undefined;
      if (options.accessKey && envSecret) {
        pair = { accessKey: options.accessKey, secretAccessKey: envSecret };
      } else {
        pair = await withStorage(options.data, async (storage) => {
          if (options.accessKey) return storage.keyPairs.findByAccessKey(options.accessKey);
          return (await storage.keyPairs.list()).find((candidate) => !candidate.disabled);
        });
      }
      if (!pair) {
        fail(
          options.accessKey
            ? `no key pair with access key ${options.accessKey} in ${resolveDataDir(options.data)}`
            : `no enabled key pair in ${resolveDataDir(options.data)}: start the server once, or run 'whiteroom keys create'`,
        );
      }
      const token = mintToken(kind, {
        ...pair,
        role: options.role,
        lifespan: options.lifespan,
        uuid: options.uuid,
      });
      process.stdout.write(token + '\n');
    },
  );

function parseTime(value: string): number {
  const time = Number(value);
  if (!Number.isSafeInteger(time) || time < 0) {
    throw new InvalidArgumentError('a time is whole epoch milliseconds');
  }
  return time;
}

program
  .command('export')
  .description('write a page of a room as PNG or SVG, or every page as PDF')
  .argument('<uuid>', 'the room')
  .addOption(
    new Option('--format <format>', 'file format').choices(['png', 'svg', 'pdf']).default('png'),
  )
  .option('--out <file>', 'where to write (default: <uuid>.<format>)')
  .option('--page <path>', "the page of a PNG or SVG (default: the room's current page)")
  .addOption(
    new Option(
      '--at <ms>',
      'the room as it was then, in epoch milliseconds (recorded rooms)',
    ).argParser(parseTime),
  )
  .addOption(new Option('--width <n>', 'picture width').argParser(parsePositive).default(1280))
  .addOption(new Option('--height <n>', 'picture height').argParser(parsePositive).default(720))
  .addOption(dataOption())
  .action(
    async (
      uuid: string,
      options: {
        format: ExportFormat;
        out?: string;
        page?: string;
        at?: number;
        width: number;
        height: number;
        data: string;
      },
      command: Command,
    ) => {
      // Errors of the command's own usage, so that its help follows them, not the program's.
      if (!ROOM_UUID.test(uuid)) {
        command.error('whiteroom: a room uuid is 32 lower-case hexadecimal characters');
      }
      const largest = options.format === 'pdf' ? 4096 : 8192;
      if (options.width > largest || options.height > largest) {
        command.error(
          `whiteroom: a ${options.format} export is at most ${largest} pixels on a side`,
        );
      }
      if (options.page !== undefined && options.format === 'pdf') {
        command.error('whiteroom: --page is for png and svg: a PDF has every page of the room');
      }
      const dataDir = resolveDataDir(options.data);
      const { file } = await withStorage(options.data, (storage) =>
        runExportCommand(storage, uuid, { ...options, dataDir, progress: process.stderr }),
      );
      process.stdout.write(file + '\n');
    },
  );

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`whiteroom: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
