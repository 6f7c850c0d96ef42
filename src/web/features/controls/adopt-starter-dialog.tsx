/** "Adopt starter library": asks first, says how many controls will be added and what is recorded. */
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { adoptStarter, invalidateControls, starterLibraryQuery } from './controls-api.js';
import { controlMessages as m } from './messages.js';

export function AdoptStarterDialog({ orgId, opened, onClose }: { orgId: string; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const library = useQuery({ ...starterLibraryQuery(orgId), enabled: opened });
  const adopt = useMutation({
    mutationFn: () => adoptStarter(orgId),
    onSuccess: async (result) => {
      await invalidateControls(queryClient, orgId);
      notifications.show({ color: result.created > 0 || result.linksAdded > 0 ? 'green' : 'blue', message: result.message });
      onClose();
    },
  });
  const total = library.data?.controls.length ?? 0;
  const missing = total - (library.data?.adoptedCount ?? 0);
  return (
    <ConfirmDialog
      opened={opened}
      title={m.adoptTitle}
      recorded={m.adoptRecorded}
      confirmLabel={m.adoptConfirm}
      isPending={adopt.isPending}
      error={adopt.error ?? library.error}
      onClose={() => {
        adopt.reset();
        onClose();
      }}
      onConfirm={() => adopt.mutate()}
      testId="adopt-starter-dialog"
    >
      {library.data ? (missing === 0 ? m.adoptAllDone : m.adoptBody(total, missing)) : '…'}
    </ConfirmDialog>
  );
}
