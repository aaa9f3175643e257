import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { type SessionUser, sessionCookieNames, verifySessionToken } from '../../lib/auth'
import { serverContext } from './server-context'

/** For server components: the signed-in user and their token, or a redirect to /signin. */
export async function currentUserOrRedirect(): Promise<{ user: SessionUser; token: string }> {
  const jar = await cookies()
  const token = sessionCookieNames.map((name) => jar.get(name)?.value).find(Boolean)
  if (!token) redirect('/signin')
  const { db, secret } = serverContext()
  const check = await verifySessionToken({ db, token, secret })
  if (!check.ok) redirect('/signin')
  return { user: check.user, token }
}
