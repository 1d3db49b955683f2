export async function runExport(
  _args: string[],
  _opts: unknown,
  _out: NodeJS.WritableStream,
): Promise<number> {
  process.stderr.write('export: not implemented yet\n')
  return 1
}
