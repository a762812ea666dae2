import { randomBytes, randomUUID } from 'node:crypto';
import { mintToken, verifyToken, type VerifyOptions } from '@whiteroom/token';
import { formatCount, writeLine } from './report.js';

const WARM_UP_ITERATIONS = 100_000;
const ROUNDS = 5;
const ITERATIONS_PER_ROUND = 200_000;

/**
 * Token verifications per second on one core: the check behind every authenticated request and,
 * later, every room join. A fixed number of verifications after a warm-up, so that the optimising
 * compiler has settled; the median of a few rounds, since the machine may be busy with other work.
 */
export function benchmarkVerify(): void {
  const accessKey = `WR${randomBytes(12).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(32).toString('base64url');
  const token = mintToken('room', {
    accessKey,
    secretAccessKey,
    role: 'writer',
    uuid: randomUUID().replaceAll('-', ''),
    lifespan: 60 * 60 * 1000,
  });
  const secrets = new Map([[accessKey, secretAccessKey]]);
  const options: VerifyOptions = { secretFor: (key) => secrets.get(key) };

  writeLine('Token verification: verifyToken on a room token with expiry, one core');
  verifyMany(token, options, WARM_UP_ITERATIONS);
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    verifyMany(token, options, ITERATIONS_PER_ROUND);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rates.push(ITERATIONS_PER_ROUND / seconds);
  }

  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)] ?? 0;
  const best = rates[rates.length - 1] ?? 0;
  writeLine(
    `  ${ROUNDS} rounds of ${formatCount(ITERATIONS_PER_ROUND)} after ` +
      `${formatCount(WARM_UP_ITERATIONS)} to warm up`,
  );
  writeLine(
    `  median ${formatCount(median)}/s (${(1e6 / median).toFixed(2)} µs each), ` +
      `best round ${formatCount(best)}/s`,
  );
}

/** Verifies `token` `count` times; throws if it ever fails, since a refusal would be timed instead. */
function verifyMany(token: string, options: VerifyOptions, count: number): void {
  for (let i = 0; i < count; i++) {
    const result = verifyToken(token, options);
    if (!result.ok) throw new Error(`the benchmark token failed to verify: ${result.reason}`);
  }
}
