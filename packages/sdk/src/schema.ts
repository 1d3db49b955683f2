/**
 * The wire and survey schemas: the single source of truth shared by the SDK (types only,
 * so zod never reaches the script-tag bundle), the server (runtime validation) and the CLI.
 * Import from `@candor/sdk/schema`.
 * @module @candor/sdk/schema
 */
import { z } from 'zod'

/** Ids chosen by people (surveys, questions, options): safe in URLs, CSV headers and keys. */
export const Slug = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1-64 letters, digits, "_" or "-"')

/** Client-made ids (UUIDv7 in practice); any 8-64 char token is accepted. */
export const ClientId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected an id of 8-64 characters')

// ---------------------------------------------------------------------------------------------
// Survey definition
// ---------------------------------------------------------------------------------------------

/** Comparison of a branching rule: `eq`/`neq` compare as text, `lt`…`gte` as numbers,
 * `includes` finds an option id in a multi answer (or text, ignoring case), `answered` and
 * `skipped` need no value. */
export const LogicOp = z.enum([
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'includes',
  'answered',
  'skipped',
])

/** Branching: when the answer to this question matches `when`, go to `goto` next. */
export const LogicRule = z.object({
  /** The test on this question's answer. */
  when: z.object({
    op: LogicOp,
    value: z.union([z.number(), z.string(), z.boolean()]).optional(),
  }),
  /** A later question id, or "end". */
  goto: z.string().min(1).max(64),
})

const questionBase = {
  id: Slug,
  title: z.string().min(1).max(500),
  description: z.string().max(2000).optional(),
  required: z.boolean().optional(),
  logic: z.array(LogicRule).max(20).optional(),
}

const scaleLabels = {
  lowerLabel: z.string().max(100).optional(),
  upperLabel: z.string().max(100).optional(),
}

/** One option of a `single` or `multi` question; the answer records its `id`. */
export const ChoiceOption = z.object({ id: Slug, label: z.string().min(1).max(200) })

/** One question, discriminated by `type`: `nps` (0-10), `rating` (scale 3/5/7/10 as number,
 * star or emoji), `csat` (1-5), `ces` (1-7), `single`, `multi`, `text`, `cta`, `consent`. */
export const Question = z.discriminatedUnion('type', [
  z.object({ ...questionBase, ...scaleLabels, type: z.literal('nps') }),
  z.object({
    ...questionBase,
    ...scaleLabels,
    type: z.literal('rating'),
    scale: z.union([z.literal(3), z.literal(5), z.literal(7), z.literal(10)]).default(5),
    display: z.enum(['number', 'star', 'emoji']).default('number'),
  }),
  z.object({ ...questionBase, ...scaleLabels, type: z.literal('csat') }),
  z.object({ ...questionBase, ...scaleLabels, type: z.literal('ces') }),
  z.object({
    ...questionBase,
    type: z.literal('single'),
    options: z.array(ChoiceOption).min(1).max(50),
    allowOther: z.boolean().optional(),
    shuffle: z.boolean().optional(),
  }),
  z.object({
    ...questionBase,
    type: z.literal('multi'),
    options: z.array(ChoiceOption).min(1).max(50),
    allowOther: z.boolean().optional(),
    shuffle: z.boolean().optional(),
  }),
  z.object({
    ...questionBase,
    type: z.literal('text'),
    multiline: z.boolean().optional(),
    placeholder: z.string().max(200).optional(),
    maxLength: z.number().int().min(1).max(5000).optional(),
  }),
  z.object({
    ...questionBase,
    type: z.literal('cta'),
    buttonLabel: z.string().min(1).max(100),
    url: z
      .string()
      .max(2048)
      .regex(/^(https?:\/\/|\/)/, 'must be an http(s) URL or a path starting with "/"')
      .optional(),
  }),
  z.object({
    ...questionBase,
    type: z.literal('consent'),
    label: z.string().min(1).max(500),
  }),
])

/** How a `pageview` trigger matches the page URL; `not-*` negates. */
export const UrlMatch = z.enum([
  'exact',
  'contains',
  'starts',
  'ends',
  'regex',
  'not-exact',
  'not-contains',
  'not-starts',
  'not-ends',
  'not-regex',
])
/** A URL condition of a `pageview` trigger. */
export const UrlRule = z.object({ match: UrlMatch, value: z.string().max(500) })

/** A condition on a property of a tracked event (`event` trigger). */
export const PropFilter = z.object({
  prop: z.string().min(1).max(100),
  op: z.enum(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists']),
  value: z.union([z.number(), z.string(), z.boolean()]).optional(),
})

/** When a survey may show: `pageview` (SPA route changes count), `event` (a `track` name,
 * with property filters), `click` (CSS selector), `delay`, `scroll` (percent), `exit-intent`. */
export const Trigger = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pageview'), url: UrlRule.optional() }),
  z.object({
    type: z.literal('event'),
    name: z.string().min(1).max(200),
    props: z.array(PropFilter).max(10).optional(),
  }),
  z.object({ type: z.literal('click'), selector: z.string().min(1).max(300) }),
  z.object({ type: z.literal('delay'), seconds: z.number().min(0).max(3600) }),
  z.object({ type: z.literal('scroll'), percent: z.number().min(0).max(100) }),
  z.object({ type: z.literal('exit-intent') }),
])

/** Where the survey card sits when it is not anchored to an element. */
export const Placement = z.enum(['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center'])

/** The translatable texts of one question (`translations.<locale>.questions.<id>`);
 * `options` maps option ids to labels. */
export const QuestionText = z.object({
  title: z.string().max(500).optional(),
  description: z.string().max(2000).optional(),
  lowerLabel: z.string().max(100).optional(),
  upperLabel: z.string().max(100).optional(),
  placeholder: z.string().max(200).optional(),
  buttonLabel: z.string().max(100).optional(),
  label: z.string().max(500).optional(),
  options: z.record(z.string(), z.string().max(200)).optional(),
})

/** The closing card shown after the last question. */
export const ThankYou = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(1000).optional(),
})

/** A survey definition (surveys as code): validated by the server on every write, by
 * `candor-server surveys push`, and published as JSON Schema at /schema/survey.json. Question
 * ids are unique and `logic` may only jump forward (or to "end"). */
export const Survey = z
  .object({
    id: Slug,
    name: z.string().min(1).max(200),
    status: z.enum(['draft', 'active', 'paused', 'completed']).default('draft'),
    questions: z.array(Question).min(1).max(50),
    triggers: z.array(Trigger).max(20).default([]),
    audience: z
      .object({
        sample: z.number().min(0).max(1).optional(),
        locales: z.array(z.string().min(2).max(35)).max(100).optional(),
        devices: z
          .array(z.enum(['desktop', 'mobile', 'tablet']))
          .max(3)
          .optional(),
        attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      })
      .optional(),
    frequency: z
      .object({
        mode: z.enum(['once', 'until-answered', 'always', 'max']),
        max: z.number().int().min(1).max(1000).optional(),
      })
      .optional(),
    startAt: z.iso.datetime({ offset: true }).optional(),
    endAt: z.iso.datetime({ offset: true }).optional(),
    appearance: z
      .object({
        placement: Placement.optional(),
        /** CSS selector: show anchored next to this element (floating-ui). */
        anchor: z.string().min(1).max(300).optional(),
      })
      .optional(),
    translations: z
      .record(
        z.string().min(2).max(35),
        z.object({
          name: z.string().max(200).optional(),
          questions: z.record(z.string(), QuestionText).optional(),
          thankYou: ThankYou.partial().optional(),
        }),
      )
      .optional(),
    thankYou: ThankYou.optional(),
  })
  .superRefine((s, ctx) => {
    const ids = s.questions.map((q) => q.id)
    const seen = new Set<string>()
    s.questions.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'id'],
          message: `duplicate question id "${q.id}"`,
        })
      seen.add(q.id)
      q.logic?.forEach((rule, j) => {
        if (rule.goto !== 'end' && !ids.slice(i + 1).includes(rule.goto))
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'logic', j, 'goto'],
            message: `goto "${rule.goto}" must be "end" or a later question id`,
          })
      })
    })
    if (s.frequency?.mode === 'max' && !s.frequency.max)
      ctx.addIssue({
        code: 'custom',
        path: ['frequency', 'max'],
        message: 'frequency mode "max" needs a max',
      })
    if (s.startAt && s.endAt && Date.parse(s.startAt) >= Date.parse(s.endAt))
      ctx.addIssue({ code: 'custom', path: ['endAt'], message: 'endAt must be after startAt' })
  })

/** A survey definition with defaults applied (what the SDK receives in the config). */
export type Survey = z.infer<typeof Survey>
/** A survey definition as written by hand (fields with defaults may be left out). */
export type SurveyInput = z.input<typeof Survey>
/** One question of a survey. */
export type Question = z.infer<typeof Question>
/** `nps`, `rating`, `csat`, `ces`, `single`, `multi`, `text`, `cta` or `consent`. */
export type QuestionType = Question['type']
/** One trigger of a survey. */
export type Trigger = z.infer<typeof Trigger>
/** A URL condition of a `pageview` trigger. */
export type UrlRule = z.infer<typeof UrlRule>
/** One branching rule of a question. */
export type LogicRule = z.infer<typeof LogicRule>
/** `bottom-right`, `bottom-left`, `top-right`, `top-left` or `center`. */
export type Placement = z.infer<typeof Placement>

// ---------------------------------------------------------------------------------------------
// Config: GET /v1/p/{projectKey}/config
// ---------------------------------------------------------------------------------------------

/** Project-wide survey settings, sent with the config. */
export const ProjectSettings = z.object({
  /** Days to wait after any survey was shown before showing another (0 = no wait). */
  recontactDays: z.number().min(0).max(365).default(0),
})

/** GET /v1/p/{projectKey}/config: the live surveys and the project settings. */
export const ConfigResponse = z.object({
  surveys: z.array(Survey),
  settings: ProjectSettings,
})
/** The body of GET /v1/p/{projectKey}/config. */
export type ConfigResponse = z.infer<typeof ConfigResponse>

// ---------------------------------------------------------------------------------------------
// Events: POST /v1/p/{projectKey}/events
// ---------------------------------------------------------------------------------------------

/** One answer. Choice questions answer option ids; an "other" choice is the id "other" with
 * its free text under the answer key `${questionId}.other`. `null` marks a skipped question. */
export const AnswerValue = z.union([
  z.number().finite(),
  z.string().max(5000),
  z.array(z.string().max(500)).max(100),
  z.boolean(),
  z.null(),
])
/** One answer: number, text, option ids, boolean, or `null` for skipped. */
export type AnswerValue = z.infer<typeof AnswerValue>

/** A key of `answers`: a question id, or `<questionId>.other` for the free text of "other". */
export const AnswerKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}(\.other)?$/, 'answer keys are question ids')

const PropValue = z.union([z.string().max(1000), z.number().finite(), z.boolean(), z.null()])

const eventBase = {
  /** Client-made id (UUIDv7): the server stores each id at most once per project. */
  id: ClientId,
  /** Client clock, epoch ms, when the event happened. Corrected by the server with `sentAt`. */
  time: z.number().int().min(0).max(8.64e15),
  /** Random per-install id, written only once consent allows storage. */
  installId: ClientId,
  userId: z.string().min(1).max(256).optional(),
  url: z.string().max(2048).optional(),
  locale: z.string().max(35).optional(),
}

/** A usage event (`candor.track`): kept only with consent `granted`. */
export const TrackEvent = z.object({
  ...eventBase,
  type: z.literal('track'),
  name: z.string().min(1).max(200),
  props: z.record(z.string().max(100), PropValue).optional(),
})

/** Free feedback (`candor.feedback` or the launcher form). */
export const FeedbackEvent = z.object({
  ...eventBase,
  type: z.literal('feedback'),
  text: z.string().max(10000),
  rating: z.number().int().min(0).max(10).optional(),
  category: z.string().max(100).optional(),
})

/** A survey was shown (the response rate counts these). */
export const DisplayEvent = z.object({
  ...eventBase,
  type: z.literal('display'),
  surveyId: Slug,
  responseId: ClientId.optional(),
})

/** A survey was closed before it was finished. */
export const DismissEvent = z.object({
  ...eventBase,
  type: z.literal('dismiss'),
  surveyId: Slug,
  responseId: ClientId.optional(),
})

/** One survey step: only that step's answers; the server merges by responseId. */
export const ResponseEvent = z.object({
  ...eventBase,
  type: z.literal('response'),
  surveyId: Slug,
  responseId: ClientId,
  answers: z.record(AnswerKey, AnswerValue),
  finished: z.boolean(),
  attributes: z.record(z.string().max(100), PropValue).optional(),
})

/** Any event the SDK sends, discriminated by `type`. */
export const WireEvent = z.discriminatedUnion('type', [
  TrackEvent,
  FeedbackEvent,
  DisplayEvent,
  DismissEvent,
  ResponseEvent,
])
/** Any event the SDK sends. */
export type WireEvent = z.infer<typeof WireEvent>
/** A usage event. */
export type TrackEvent = z.infer<typeof TrackEvent>
/** A free feedback event. */
export type FeedbackEvent = z.infer<typeof FeedbackEvent>
/** One saved survey step. */
export type ResponseEvent = z.infer<typeof ResponseEvent>
/** `track`, `feedback`, `display`, `dismiss` or `response`. */
export type EventType = WireEvent['type']

/** Counts of what the client dropped since its last acked batch (reported, never silent). */
export const DropCounts = z.object({
  evicted: z.number().int().min(0).optional(),
  rejected: z.number().int().min(0).optional(),
  oversize: z.number().int().min(0).optional(),
  failed: z.number().int().min(0).optional(),
})
/** What the client dropped since its last acked batch, by reason. */
export type DropCounts = z.infer<typeof DropCounts>

/** Most events one POST /events request may carry. */
export const MAX_EVENTS_PER_BATCH = 500

/** The envelope is checked strictly; events are checked one by one so one bad event
 * does not sink the batch. */
export const EventsEnvelope = z.object({
  /** Client clock, epoch ms, when this request was made. */
  sentAt: z.number().int().min(0).max(8.64e15),
  events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH),
  dropped: DropCounts.optional(),
  sdk: z.string().max(50).optional(),
})
/** The body of POST /v1/p/{projectKey}/events, as the SDK builds it. */
export type EventsEnvelope = Omit<z.infer<typeof EventsEnvelope>, 'events'> & {
  events: WireEvent[]
}

/** The 200 answer of POST /events: stored, already stored (same id), and refused by index. */
export const EventsResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), code: z.string(), message: z.string() })),
})
/** The 200 answer of POST /v1/p/{projectKey}/events. */
export type EventsResult = z.infer<typeof EventsResult>

/** POST /v1/p/{projectKey}/forget body: erase this install's data on the server. */
export const ForgetRequest = z.object({ installId: ClientId })

/** Every error answer of the server: `{ error: { code, message } }`. */
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
/** Every error answer of the server. */
export type ErrorBody = z.infer<typeof ErrorBody>
