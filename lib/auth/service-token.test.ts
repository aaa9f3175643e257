import { describe, expect, it } from 'vitest'
import { isServiceToken, issueServiceToken, verifyServiceToken } from './service-token'
import { issueSessionToken } from './session-token'

const secret = 'service-secret-service-secret-service!'

describe('service credentials', () => {
  it('round-trip with their claims', async () => {
    const token = await issueServiceToken({ secret, service: 'restore', projectId: 'prj_1' })
    expect(isServiceToken(token)).toBe(true)
    expect(await verifyServiceToken({ token, secret })).toEqual({ service: 'restore', projectId: 'prj_1' })
  })

  it('cannot be swapped with session tokens, other secrets or expired ones', async () => {
    const session = await issueSessionToken({ user: { id: 'u', email: 'e', name: 'n', sessionVersion: 1 }, secret })
    expect(await verifyServiceToken({ token: `svc.${session}`, secret })).toBeNull()
    const other = await issueServiceToken({ secret: `${secret}x`, service: 'web' })
    expect(await verifyServiceToken({ token: other, secret })).toBeNull()
    const expired = await issueServiceToken({ secret, service: 'web', maxAgeSeconds: -120 })
    expect(await verifyServiceToken({ token: expired, secret })).toBeNull()
    expect(await verifyServiceToken({ token: 'svc.garbage', secret })).toBeNull()
  })
})
