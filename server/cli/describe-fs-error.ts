const reasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EEXIST: 'already exists',
  ENOTEMPTY: 'directory not empty',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
}

/**
 * One line for a file-system failure ("out/shop.yjs: is a directory"), or undefined when `error` is not one.
 * These come from the user's machine (a path that is a folder, a read-only disk), so they are input errors, not
 * bugs. The temporary name of an atomic write is mapped back to the file the user asked for.
 */
export function describeFsError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined
  const { code, path, dest } = error as Error & { code?: unknown; path?: unknown; dest?: unknown }
  if (typeof code !== 'string') return undefined
  const reason = reasons[code]
  if (reason === undefined) return undefined
  const target = typeof dest === 'string' ? dest : typeof path === 'string' ? path : undefined
  const shown = target?.replace(/\.backplane-tmp-[0-9a-f]+$/, '')
  return shown === undefined ? reason : `${shown}: ${reason}`
}
