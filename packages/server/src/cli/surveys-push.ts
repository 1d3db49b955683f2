export async function pushSurveys(_files: string[], _opts: unknown): Promise<number> {
  process.stderr.write('surveys push: not implemented yet\n')
  return 1
}
