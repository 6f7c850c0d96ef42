/** Asks before leaving a page with unsaved changes (UX: "unsaved-changes warning"). */
import { useBlocker } from '@tanstack/react-router';
import { ConfirmDialog } from './confirm-dialog.js';
import { uiMessages } from './messages.js';

export function UnsavedChangesGuard({ when }: { when: boolean }) {
  const blocker = useBlocker({ shouldBlockFn: () => when, enableBeforeUnload: () => when, withResolver: true });
  return (
    <ConfirmDialog
      opened={blocker.status === 'blocked'}
      title={uiMessages.unsavedTitle}
      confirmLabel={uiMessages.unsavedLeave}
      cancelLabel={uiMessages.unsavedStay}
      isDestructive
      onConfirm={() => blocker.proceed?.()}
      onClose={() => blocker.reset?.()}
      testId="unsaved-changes-dialog"
    >
      {uiMessages.unsavedBody}
    </ConfirmDialog>
  );
}
