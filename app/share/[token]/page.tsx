import { notFound } from 'next/navigation'
import { getProject, resolveShareLink } from '../../../lib/service/accounts'
import { EditorLoader } from '../../_components/editor/EditorLoader'
import { serverContext } from '../../_lib/server-context'

export const dynamic = 'force-dynamic'

/** A share link opens the project read-only, without an account (the collab server enforces read-only). */
export default async function SharedProjectPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const { db, collabUrl } = serverContext()
  const link = await resolveShareLink(db, { token, now: new Date() })
  if (!link.ok) {
    return <main className="page error">This share link does not work any more ({link.reason}).</main>
  }
  const project = await getProject(db, link.link.projectId)
  if (!project) notFound()
  return (
    <EditorLoader
      projectId={project.id}
      projectName={project.name}
      collabUrl={collabUrl}
      token={token}
      user={{ name: 'Guest' }}
      canWrite={false}
      role={link.link.canComment ? 'share-commenter' : 'share-viewer'}
      shared
    />
  )
}
