import type { EventFilter, ResponseFilter, ResponseRecord, Store, StoredEvent } from './store.js'

/** Walks every page of a list, oldest page last; for streamed exports. */
export async function* scanResponses(
  store: Store,
  projectId: string,
  filter: ResponseFilter,
): AsyncGenerator<ResponseRecord> {
  let cursor: string | null = null
  do {
    const page = await store.listResponses(projectId, filter, { cursor, limit: 500 })
    yield* page.items
    cursor = page.nextCursor
  } while (cursor)
}

export async function* scanEvents(
  store: Store,
  projectId: string,
  filter: EventFilter,
): AsyncGenerator<StoredEvent> {
  let cursor: string | null = null
  do {
    const page = await store.listEvents(projectId, filter, { cursor, limit: 500 })
    yield* page.items
    cursor = page.nextCursor
  } while (cursor)
}
