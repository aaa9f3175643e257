/** The marker of our clipboard text (text/plain JSON), so a paste knows it is ours, across tabs and projects. */
export const CLIPBOARD_FORMAT = 'backplane.clipboard/v1'
