import { cookies } from 'next/headers'
import { sessionCookieNames, verifySessionToken } from '../../../lib/auth'
import { previewInvitation } from '../../../lib/service/web-accounts'
import { serverContext } from '../../_lib/server-context'
import { AcceptInvitation } from './AcceptInvitation'

export const dynamic = 'force-dynamic'

/** /orgs/join?token=… — the invite link. Shows what it is for; a signed-in user with the invited email accepts. */
export default async function JoinPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const raw = (await props.searchParams).token
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? ''
  const { db, secret } = serverContext()
  const preview = await previewInvitation(db, { token })
  const jar = await cookies()
  const sessionToken = sessionCookieNames.map((n) => jar.get(n)?.value).find(Boolean)
  const session = sessionToken ? await verifySessionToken({ db, token: sessionToken, secret }) : null
  const here = `/orgs/join?token=${encodeURIComponent(token)}`
  return (
    <main className="auth-page">
      <div className="card">
        {!preview ? (
          <p className="error">This invite link is not valid. Ask for a new one.</p>
        ) : preview.unusable ? (
          <p className="error">
            This invitation to {preview.orgName} was {preview.unusable}. Ask for a new one.
          </p>
        ) : (
          <>
            <h1>Join {preview.orgName}</h1>
            <p>
              Invitation for <strong>{preview.invitation.email}</strong> as {preview.invitation.role}.
            </p>
            {session?.ok ? (
              <AcceptInvitation token={token} signedInAs={session.user.email} />
            ) : (
              <p>
                <a href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>Sign in</a> or{' '}
                <a href={`/signup?callbackUrl=${encodeURIComponent(here)}`}>sign up</a> as {preview.invitation.email},
                then open this link again.
              </p>
            )}
          </>
        )}
      </div>
    </main>
  )
}
