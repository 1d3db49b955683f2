import type { AppContext } from '../app.js'
import { responseJson } from '../serialize.js'
import type { Project, ResponseRecord } from '../store/store.js'

/** Records one pending delivery per active webhook and finished response; the worker sends
 * them, so an ack never waits on a third-party endpoint. */
export async function enqueueFinishedWebhooks(
  ctx: Pick<AppContext, 'store' | 'logger'>,
  project: Project,
  finished: ResponseRecord[],
): Promise<void> {
  try {
    const hooks = (await ctx.store.listWebhooks(project.id)).filter((h) => h.active)
    if (hooks.length === 0) return
    await ctx.store.enqueueDeliveries(
      hooks.flatMap((h) =>
        finished.map((r) => ({
          webhookId: h.id,
          projectId: project.id,
          event: 'response.finished',
          payload: JSON.stringify({
            event: 'response.finished',
            projectId: project.id,
            response: responseJson(r),
          }),
        })),
      ),
    )
  } catch (err) {
    // The events are already stored; a webhook bookkeeping failure must not fail the ack.
    ctx.logger.error({ err, projectId: project.id }, 'could not enqueue webhooks')
  }
}
