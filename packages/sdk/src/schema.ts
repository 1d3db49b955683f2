/**
 * The wire and survey schemas: the single source of truth shared by the SDK (types only,
 * so zod never reaches the script-tag bundle), the server (runtime validation) and the CLI.
 * Import from `@candor/sdk/schema`.
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

export const LogicRule = z.object({
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

export const ChoiceOption = z.object({ id: Slug, label: z.string().min(1).max(200) })

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
export const UrlRule = z.object({ match: UrlMatch, value: z.string().max(500) })

export const PropFilter = z.object({
  prop: z.string().min(1).max(100),
  op: z.enum(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists']),
  value: z.union([z.number(), z.string(), z.boolean()]).optional(),
})

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

export const Placement = z.enum(['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center'])

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

export const ThankYou = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(1000).optional(),
})

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

export type Survey = z.infer<typeof Survey>
export type SurveyInput = z.input<typeof Survey>
export type Question = z.infer<typeof Question>
export type QuestionType = Question['type']
export type Trigger = z.infer<typeof Trigger>
export type UrlRule = z.infer<typeof UrlRule>
export type LogicRule = z.infer<typeof LogicRule>
export type Placement = z.infer<typeof Placement>

// ---------------------------------------------------------------------------------------------
// Config: GET /v1/p/{projectKey}/config
// ---------------------------------------------------------------------------------------------

export const ProjectSettings = z.object({
  /** Days to wait after any survey was shown before showing another (0 = no wait). */
  recontactDays: z.number().min(0).max(365).default(0),
})

export const ConfigResponse = z.object({
  surveys: z.array(Survey),
  settings: ProjectSettings,
})
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
export type AnswerValue = z.infer<typeof AnswerValue>

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

export const TrackEvent = z.object({
  ...eventBase,
  type: z.literal('track'),
  name: z.string().min(1).max(200),
  props: z.record(z.string().max(100), PropValue).optional(),
})

export const FeedbackEvent = z.object({
  ...eventBase,
  type: z.literal('feedback'),
  text: z.string().max(10000),
  rating: z.number().int().min(0).max(10).optional(),
  category: z.string().max(100).optional(),
})

export const DisplayEvent = z.object({
  ...eventBase,
  type: z.literal('display'),
  surveyId: Slug,
  responseId: ClientId.optional(),
})

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

export const WireEvent = z.discriminatedUnion('type', [
  TrackEvent,
  FeedbackEvent,
  DisplayEvent,
  DismissEvent,
  ResponseEvent,
])
export type WireEvent = z.infer<typeof WireEvent>
export type TrackEvent = z.infer<typeof TrackEvent>
export type FeedbackEvent = z.infer<typeof FeedbackEvent>
export type ResponseEvent = z.infer<typeof ResponseEvent>
export type EventType = WireEvent['type']

/** Counts of what the client dropped since its last acked batch (reported, never silent). */
export const DropCounts = z.object({
  evicted: z.number().int().min(0).optional(),
  rejected: z.number().int().min(0).optional(),
  oversize: z.number().int().min(0).optional(),
  failed: z.number().int().min(0).optional(),
})
export type DropCounts = z.infer<typeof DropCounts>

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
export type EventsEnvelope = Omit<z.infer<typeof EventsEnvelope>, 'events'> & {
  events: WireEvent[]
}

export const EventsResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), code: z.string(), message: z.string() })),
})
export type EventsResult = z.infer<typeof EventsResult>

export const ForgetRequest = z.object({ installId: ClientId })

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
export type ErrorBody = z.infer<typeof ErrorBody>
