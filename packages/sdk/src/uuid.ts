/** UUIDv7 (RFC 9562): 48-bit ms time, then a 12-bit counter so ids made in the same
 * millisecond still sort in creation order (the outbox is read in id order), then random. */
let last = 0
let seq = 0

export const uuidv7 = (now: number = Date.now()): string => {
  if (now > last) {
    last = now
    seq = 0
  } else if (++seq > 0xfff) {
    last++
    seq = 0
  }
  const b = crypto.getRandomValues(new Uint8Array(16))
  let t = last
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256
    t = Math.floor(t / 256)
  }
  b[6] = 0x70 | (seq >> 8)
  b[7] = seq & 0xff
  b[8] = 0x80 | (b[8]! & 0x3f)
  const h = Array.from(b, (x) => (x + 256).toString(16).slice(1)).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
