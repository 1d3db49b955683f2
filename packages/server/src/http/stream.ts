/** A response body pulled from an async iterator of text chunks: one chunk per pull, so a slow
 * client slows the database reads instead of filling memory. */
export function streamText(
  chunks: AsyncGenerator<string>,
  onError: (err: unknown) => void = () => {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next()
        if (next.done) controller.close()
        else controller.enqueue(encoder.encode(next.value))
      } catch (err) {
        // Headers are sent already: all that is left is to cut the stream (and say why).
        onError(err)
        controller.error(err)
      }
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
}
