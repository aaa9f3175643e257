import { notFound } from 'next/navigation'
import { getProject, resolveProjectAccess } from '../../../lib/service/accounts'
import { EditorLoader } from '../../_components/editor/EditorLoader'
import { currentUserOrRedirect } from '../../_lib/current-user'
import { serverContext } from '../../_lib/server-context'

export const dynamic = 'force-dynamic'

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params
  const { user, token } = await currentUserOrRedirect()
  const { db, secret, collabUrl } = serverContext()
  const check = await resolveProjectAccess(db, { token, secret, projectId })
  if (!check.ok) notFound()
  const project = await getProject(db, projectId)
  if (!project) notFound()
  return (
    <EditorLoader
      projectId={projectId}
      projectName={project.name}
      collabUrl={collabUrl}
      token={token}
      user={{ name: user.name || user.email, id: user.id }}
      canWrite={check.access.design === 'write'}
      role={check.access.role}
    />
  )
}
