import NextAuth from 'next-auth'
import { authOptions } from '../../../_lib/auth-options'

// next-auth reads the options per request so that `next build` never needs the database or the secret.
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx)
}

export { handler as GET, handler as POST }
