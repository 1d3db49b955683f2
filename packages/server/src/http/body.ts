/** Reads a request body with a hard byte limit, then parses it as JSON whatever the
 * content type says (sendBeacon sends text/plain to avoid a CORS preflight). */
import { ApiError, badRequest } from './errors.js'

export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const text = await readTextBody(req, maxBytes)
  if (text.trim() === '') throw badRequest('invalid_json', 'request body is empty')
  try {
    return JSON.parse(text)
  } catch {
    throw badRequest('invalid_json', 'request body is not valid JSON')
  }
}

export async function readTextBody(req: Request, maxBytes: number): Promise<string> {
  // The rest of the body is never read, so the connection cannot carry another request:
  // saying so keeps clients from reusing a socket the server is about to close.
  const tooLarge = () =>
    new ApiError(413, 'payload_too_large', `request body is larger than ${maxBytes} bytes`, {
      Connection: 'close',
    })
  const declared = req.headers.get('content-length')
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge()
  if (!req.body) return ''
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) {
        await reader.cancel().catch(() => {})
        throw tooLarge()
      }
      chunks.push(value)
    }
  } catch (err) {
    if (err instanceof ApiError) throw err
    throw badRequest('invalid_body', 'request body could not be read')
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
  } catch {
    throw badRequest('invalid_encoding', 'request body is not valid UTF-8')
  }
}
