import { decode, encode } from 'next-auth/jwt'
import { describe, expect, it } from 'vitest'
import { decodeSessionClaims, issueSessionToken, readSessionCookie, sessionClaims } from './session-token'

const secret = 'test-secret-test-secret-test-secret!'
const user = { id: 'usr_1', email: 'a@example.com', name: 'A', sessionVersion: 3 }

describe('session tokens (next-auth v4 JWT)', () => {
  it('next-auth decodes what we issue, and we decode what next-auth encodes', async () => {
    const ours = await issueSessionToken({ user, secret })
    expect(await decode({ token: ours, secret })).toMatchObject({ sub: 'usr_1', sessionVersion: 3 })
    const theirs = await encode({ token: sessionClaims(user), secret })
    expect(await decodeSessionClaims({ token: theirs, secret })).toEqual({
      ok: true,
      claims: { sub: 'usr_1', email: 'a@example.com', name: 'A', sessionVersion: 3 },
    })
  })

  it('refuses forged, wrong-secret, expired and claim-less tokens with a reason', async () => {
    const wrongSecret = await issueSessionToken({ user, secret: `${secret}-other` })
    expect(await decodeSessionClaims({ token: wrongSecret, secret })).toEqual({ ok: false, reason: 'invalid-token' })
    expect(await decodeSessionClaims({ token: 'not.a.jwt.at.all', secret })).toEqual({
      ok: false,
      reason: 'invalid-token',
    })
    const expired = await issueSessionToken({ user, secret, maxAgeSeconds: -120 })
    expect(await decodeSessionClaims({ token: expired, secret })).toEqual({ ok: false, reason: 'expired-token' })
    const noVersion = await encode({ token: { sub: 'usr_1' }, secret })
    expect(await decodeSessionClaims({ token: noVersion, secret })).toEqual({ ok: false, reason: 'invalid-token' })
  })

  it('reads the token from next-auth cookies, plain, secure-prefixed or chunked', () => {
    expect(readSessionCookie('a=1; next-auth.session-token=abc.def; b=2')).toBe('abc.def')
    expect(readSessionCookie('__Secure-next-auth.session-token=sec')).toBe('sec')
    expect(readSessionCookie('next-auth.session-token.0=ab; next-auth.session-token.1=cd')).toBe('abcd')
    expect(readSessionCookie('other=1')).toBeUndefined()
    expect(readSessionCookie(null)).toBeUndefined()
  })
})
