import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { sessionCookieNames } from '../lib/auth'

export default async function Home() {
  const jar = await cookies()
  const signedIn = sessionCookieNames.some((name) => jar.has(name))
  redirect(signedIn ? '/projects' : '/signin')
}
