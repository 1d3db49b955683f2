/** The one way the script-tag files report a problem: a console warning, never a throw. */
export const warn = (m: unknown) => console.warn('candor:', m)
