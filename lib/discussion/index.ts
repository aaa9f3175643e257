export type { Anchor, Author, Comment, DiscussionView, Thread, Verdict } from './discussion'
export {
  clearVerdict,
  deleteComment,
  maxCommentLength,
  openThread,
  openThreadCounts,
  readDiscussion,
  reopen,
  reply,
  resolve,
  setVerdict,
} from './discussion'
