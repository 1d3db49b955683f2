/**
 * A seeded generator of hostile request bodies: random bytes, invalid UTF-8, truncated JSON,
 * wrong types, huge strings, 10k-deep nesting, `__proto__`/`constructor` keys, numbers out of
 * range, far-future dates, SQL and HTML strings, many tiny events, one huge event. The same
 * seed gives the same bodies, so a failure replays with `HOSTILE_SEED`.
 */

/** mulberry32: small, fast, and good enough to spread the cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface HostileBody {
  /** The family it belongs to, for the failure message. */
  kind: string
  body: string | Uint8Array
}

export const SQL_STRINGS = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  '1; DELETE FROM projects WHERE 1=1',
  "Robert'); DROP TABLE responses;--",
  '\\x27 UNION SELECT token_hash FROM settings --',
  '$1::text; SELECT pg_sleep(10)',
  "'||(SELECT sqlite_version())||'",
]

export const HTML_STRINGS = [
  '<img src=x onerror=alert(1)>',
  '<script>globalThis.pwned=1</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  "</style><script>alert('x')</script>",
  '{{constructor.constructor("alert(1)")()}}',
  '=HYPERLINK("http://evil.example","x")',
]

const WEIRD_STRINGS = [
  '',
  'nul\u0000byte',
  'lone \ud83d surrogate',
  '\u202eright-to-left override',
  '😀 émoji 日本語',
  '\r\n\t',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
  'toString',
]

const NUMBERS = [
  -1,
  0,
  -0,
  0.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  2 ** 64,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  8.64e15,
  8.64e15 + 1,
  253402300799999, // 9999-12-31T23:59:59.999Z
  Date.UTC(9999, 0, 1),
  -62198755200000, // year -0001
]

/** Number literals JSON.parse accepts but no JS number holds exactly. */
const RAW_NUMBERS = ['1e309', '-1e309', '1e-400', '123456789012345678901234567890', '-0.0e-0']

const DATES = [
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '0000-00-00',
  '2026-02-30T25:61:61Z',
  'not a date',
]

const POLLUTERS = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}},"constructor":"x","prototype":"y"}',
  '{"toString":"x","valueOf":1,"hasOwnProperty":null,"__defineGetter__":"z"}',
]

export interface HostileContext {
  /** A fresh valid event (track, feedback, response …) as a plain object. */
  validEvent(rand: () => number): Record<string, unknown>
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
const int = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))

function scalar(rand: () => number): unknown {
  switch (int(rand, 0, 6)) {
    case 0:
      return pick(rand, SQL_STRINGS)
    case 1:
      return pick(rand, HTML_STRINGS)
    case 2:
      return pick(rand, WEIRD_STRINGS)
    case 3:
      return pick(rand, NUMBERS)
    case 4:
      return pick(rand, DATES)
    case 5:
      return pick(rand, [null, true, false, [], {}, [1, 'a', null]])
    default:
      return 'x'.repeat(int(rand, 1, 5000))
  }
}

/** Replaces one value somewhere in `value` (depth-first, random path) with a hostile one. */
function mutate(value: unknown, rand: () => number, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 5 || rand() < 0.15) return scalar(rand)
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>
  const keys = Object.keys(copy)
  if (keys.length === 0 || rand() < 0.1) {
    copy[pick(rand, ['extra', 'nul\u0000key', 'constructor', 'toString', 'x'.repeat(300)])] =
      scalar(rand)
    return copy
  }
  const key = pick(rand, keys)
  copy[key] = mutate(copy[key], rand, depth + 1)
  return copy
}

const envelope = (ctx: HostileContext, rand: () => number, n = int(rand, 1, 3)) => ({
  sentAt: Date.now(),
  events: Array.from({ length: n }, () => ctx.validEvent(rand)),
})

/** Splices a polluter object in as a key's value, as raw JSON text (JSON.stringify of an
 * object literal would drop `__proto__`). */
function withPolluter(json: string, rand: () => number): string {
  const polluter = pick(rand, POLLUTERS)
  const spots = [...json.matchAll(/\{/g)].map((m) => m.index!)
  const at = pick(rand, spots.length ? spots : [0])
  if (json[at] !== '{') return polluter
  const inner = polluter.slice(1, -1)
  return `${json.slice(0, at + 1)}${inner}${json[at + 1] === '}' ? '' : ','}${json.slice(at + 1)}`
}

function invalidUtf8(rand: () => number, json: string): Uint8Array {
  const bytes = Buffer.from(json, 'utf8')
  const bad = pick(rand, [
    [0xff],
    [0xc3],
    [0xc0, 0xaf], // overlong "/"
    [0xed, 0xa0, 0x80], // UTF-16 surrogate encoded as UTF-8
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xe2, 0x82],
  ])
  const at = int(rand, 0, bytes.length)
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)])
}

function deepNesting(rand: () => number): string {
  const depth = pick(rand, [10_000, 10_000, 50_000, 100_000])
  const [open, close] = rand() < 0.5 ? ['[', ']'] : ['{"a":', '}']
  const inner = `${open.repeat(depth)}1${close.repeat(depth)}`
  // Sometimes where an event's props or answers would be, sometimes the whole body.
  return rand() < 0.5
    ? inner
    : `{"sentAt":1,"events":[{"id":"ev-deep-0001","type":"track","time":1,"installId":"install-0001","name":"n","props":${inner}}]}`
}

const FAMILIES = [
  'random-bytes',
  'invalid-utf8',
  'truncated-json',
  'wrong-types',
  'huge-string',
  'deep-nesting',
  'proto-keys',
  'numbers-out-of-range',
  'far-dates',
  'sql-html',
  'many-tiny-events',
  'one-huge-event',
  'valid',
] as const
export type Family = (typeof FAMILIES)[number]
export const families: readonly Family[] = FAMILIES

/** The big bodies cost most to build, send and parse: they come a third as often. */
const HEAVY = new Set<Family>(['huge-string', 'deep-nesting', 'many-tiny-events', 'one-huge-event'])
const CYCLE: Family[] = [0, 1, 2].flatMap((round) =>
  FAMILIES.filter((f) => round === 0 || !HEAVY.has(f)),
)

/** Body number `i` of a run: the family cycles (see CYCLE), the content comes from `rand`. */
export function hostileBody(
  ctx: HostileContext,
  rand: () => number,
  i: number,
  maxBodyBytes: number,
): HostileBody {
  const kind = CYCLE[i % CYCLE.length]!
  const valid = () => JSON.stringify(envelope(ctx, rand))
  switch (kind) {
    case 'random-bytes': {
      const bytes = new Uint8Array(int(rand, 0, 4096))
      for (let j = 0; j < bytes.length; j++) bytes[j] = int(rand, 0, 255)
      return { kind, body: bytes }
    }
    case 'invalid-utf8':
      return { kind, body: invalidUtf8(rand, valid()) }
    case 'truncated-json': {
      const json = valid()
      return { kind, body: json.slice(0, int(rand, 0, json.length - 1)) }
    }
    case 'wrong-types':
      return { kind, body: JSON.stringify(mutate(envelope(ctx, rand), rand)) }
    case 'huge-string': {
      // Mostly under the body limit (parsed, then refused by the schema), a few over (413).
      const size = rand() < 0.95 ? int(rand, 10_000, 60_000) : maxBodyBytes + int(rand, 1, 4096)
      const e = envelope(ctx, rand, 1)
      const field = pick(rand, ['name', 'text', 'userId', 'url', 'installId', 'id'])
      ;(e.events[0] as Record<string, unknown>)[field] = pick(rand, ['x', 'é', '😀', '<'])
        .repeat(size)
        .slice(0, size)
      return { kind, body: JSON.stringify(e) }
    }
    case 'deep-nesting':
      return { kind, body: deepNesting(rand) }
    case 'proto-keys':
      return { kind, body: withPolluter(valid(), rand) }
    case 'numbers-out-of-range': {
      const json = valid()
      const raw = pick(rand, RAW_NUMBERS)
      // Replace the first number after a random key (time, sentAt, rating, answers …).
      const spots = [...json.matchAll(/:(-?\d+(\.\d+)?)/g)]
      const spot = spots.length ? pick(rand, spots) : null
      if (!spot || rand() < 0.3) {
        const e = envelope(ctx, rand)
        const ev = e.events[0] as Record<string, unknown>
        ev[pick(rand, ['time', 'rating'])] = pick(rand, NUMBERS)
        if (rand() < 0.5) e.sentAt = pick(rand, NUMBERS)
        return { kind, body: JSON.stringify(e) }
      }
      const at = spot.index! + 1
      return { kind, body: json.slice(0, at) + raw + json.slice(at + spot[1]!.length) }
    }
    case 'far-dates': {
      const e = envelope(ctx, rand)
      const far = pick(rand, [253402300799999, 8.64e15, Date.UTC(9999, 11, 31), 0])
      for (const ev of e.events as Record<string, unknown>[])
        ev.time = rand() < 0.5 ? far : pick(rand, DATES)
      e.sentAt = rand() < 0.5 ? Date.now() : far
      return { kind, body: JSON.stringify(e) }
    }
    case 'sql-html': {
      const e = envelope(ctx, rand)
      for (const ev of e.events as Record<string, unknown>[]) {
        const s = pick(rand, [...SQL_STRINGS, ...HTML_STRINGS])
        if (ev.type === 'track') ev.name = s
        if (ev.type === 'feedback') ev.text = s
        if (ev.type === 'response') ev.answers = { why: s, [pick(rand, ['plan', 'score'])]: s }
        ev.userId = pick(rand, SQL_STRINGS)
      }
      return { kind, body: JSON.stringify(e) }
    }
    case 'many-tiny-events': {
      // Up to the batch limit (500) as real events, past it as the smallest JSON values.
      const n = pick(rand, [50, 500, 501, 5_000, 10_000])
      const tiny = n > 501 || rand() < 0.5
      return {
        kind,
        body: JSON.stringify({
          sentAt: Date.now(),
          events: Array.from({ length: n }, (_, k) =>
            tiny ? [{}, 0, null][k % 3] : ctx.validEvent(rand),
          ),
        }),
      }
    }
    case 'one-huge-event': {
      const e = envelope(ctx, rand, 1)
      const ev = e.events[0] as Record<string, unknown>
      ev.type = 'track'
      ev.name = 'huge'
      // Usually tens of KB, sometimes close to the 1 MiB body limit.
      const keys = rand() < 0.95 ? int(rand, 20, 200) : 1000
      const value = 'v'.repeat(keys === 1000 ? 900 : int(rand, 1, 1000))
      ev.props = Object.fromEntries(Array.from({ length: keys }, (_, k) => [`k${k}`, value]))
      return { kind, body: JSON.stringify(e) }
    }
    default:
      return { kind, body: valid() }
  }
}
