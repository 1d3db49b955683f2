import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url))

// Tests import the packages by name and get their TypeScript sources, never a stale dist.
const alias = [
  { find: /^@candor\/sdk\/schema$/, replacement: src('./packages/sdk/src/schema.ts') },
  { find: /^@candor\/sdk$/, replacement: src('./packages/sdk/src/index.ts') },
  { find: /^@candor\/widget$/, replacement: src('./packages/widget/src/index.ts') },
  { find: /^@candor\/server$/, replacement: src('./packages/server/src/index.ts') },
]
const shared = {
  resolve: { alias },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
} as const

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: { name: 'sdk', environment: 'node', include: ['packages/sdk/test/**/*.test.ts'] },
      },
      {
        ...shared,
        test: {
          name: 'widget',
          environment: 'happy-dom',
          include: ['packages/widget/test/**/*.test.{ts,tsx}'],
        },
      },
      {
        ...shared,
        test: {
          name: 'server',
          environment: 'node',
          include: ['packages/server/test/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts', 'test/size/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time on a 2-core machine keeps timings honest.
          fileParallelism: false,
        },
      },
    ],
  },
})
