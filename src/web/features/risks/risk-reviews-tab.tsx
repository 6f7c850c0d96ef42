/**
 * A risk's reviews (ISO/IEC 27001:2022 8.2 "at planned intervals", 6.1.2 e): the next review date from
 * the cadence of the risk's level (overdue highlighted), the record of reviews, and "Record review" when
 * the API's abilities allow it. The outcome "closed" closes the risk.
 */
import { Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarCheck, IconClipboardCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { REVIEW_OUTCOMES, ZCreateRiskReviewRequest, type ReviewOutcome, type TRiskDetail, type TRiskReview } from '../../../shared/contracts/risks.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { dateInZone, formatDate } from '../../kernel/format.js';
import { useContractForm } from '../../kernel/form.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { useRiskMethod } from './risk-method-api.js';
import { riskMessages as m } from './messages.js';
import { DueDate } from './risk-badges.js';
import { createReview, invalidateRisks, riskTreatmentQuery } from './risks-api.js';

interface ReviewFormValues extends Record<string, unknown> {
  reviewedOn: string;
  outcome: ReviewOutcome;
  comment: string;
}

function ReviewForm({ orgId, risk, onDone }: { orgId: string; risk: TRiskDetail; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { membership } = useCurrentOrg();
  const today = dateInZone(new Date().toISOString(), membership.timeZone);
  const [initialValues] = useState<ReviewFormValues>({ reviewedOn: today, outcome: 'unchanged', comment: '' });
  const form = useContractForm({ initialValues, schema: ZCreateRiskReviewRequest, labels: m.reviewFields });
  const submit = form.onSubmit(async (request) => {
    await createReview(orgId, risk.id, request);
    await invalidateRisks(queryClient, orgId);
    notifications.show({ color: 'green', message: m.reviewSaved });
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate data-testid="review-form">
      <Stack gap="md">
        <Group gap="md" align="flex-start" wrap="wrap">
          <TextInput type="date" {...form.textProps('reviewedOn')} max={today} required w={200} data-autofocus data-testid="review-reviewedOn" />
          <NativeSelect
            label={m.reviewFields.outcome}
            required
            value={form.values.outcome}
            error={form.errors.outcome}
            data={REVIEW_OUTCOMES.map((value) => ({ value, label: m.reviewOutcomes[value] }))}
            onChange={(event) => form.setValue('outcome', event.currentTarget.value as ReviewOutcome)}
            w={340}
            data-testid="review-outcome"
          />
        </Group>
        <Textarea {...form.textProps('comment')} autosize minRows={3} maxRows={8} data-testid="review-comment" />
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Text size="xs" c="dimmed">
          {m.reviewRecorded}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
          <Button type="submit" loading={form.isSubmitting} data-testid="review-save">
            {m.saveReview}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReviewTable({ reviews, levelLabel }: { reviews: TRiskReview[]; levelLabel: (key: string | null) => string }) {
  if (reviews.length === 0) return <EmptyState icon={<IconClipboardCheck size={28} aria-hidden />} title={m.noReviewsTitle} description={m.noReviewsBody} testId="reviews-empty" />;
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing={6} data-testid="risk-reviews">
        <TableCaption>{m.reviewsTitle}</TableCaption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{m.reviewColumns.date}</Table.Th>
            <Table.Th scope="col">{m.reviewColumns.reviewer}</Table.Th>
            <Table.Th scope="col">{m.reviewColumns.outcome}</Table.Th>
            <Table.Th scope="col">{m.reviewColumns.level}</Table.Th>
            <Table.Th scope="col">{m.reviewColumns.next}</Table.Th>
            <Table.Th scope="col">{m.reviewColumns.comment}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reviews.map((review) => (
            <Table.Tr key={review.id} data-testid="review-row" data-outcome={review.outcome}>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(review.reviewedOn, 'UTC')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{review.reviewer.name}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{m.reviewOutcomes[review.outcome]}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{levelLabel(review.levelKey)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {review.nextReviewOn ? formatDate(review.nextReviewOn, 'UTC') : m.notSet}
                </Text>
              </Table.Td>
              <Table.Td maw={360}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={review.comment ? undefined : 'dimmed'}>
                  {review.comment || m.notSet}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function RiskReviewsTab({ orgId, risk }: { orgId: string; risk: TRiskDetail }) {
  const treatment = useQuery(riskTreatmentQuery(orgId, risk.id));
  const method = useRiskMethod(orgId).data;
  const [isOpen, setOpen] = useState(false);
  const levelLabel = (key: string | null) => (key ? (method?.method.levels.find((level) => level.key === key)?.label ?? key) : m.notAssessed);
  return (
    <Stack gap="md" maw={1100}>
      <Text size="sm" c="dimmed">
        {m.reviewsIntro}
      </Text>
      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" align="center" wrap="wrap">
          <Group gap="sm">
            <IconCalendarCheck size={20} aria-hidden />
            <Text size="sm" fw={600}>
              {m.nextReview}
            </Text>
            {risk.nextReviewOn ? (
              <DueDate date={risk.nextReviewOn} isOverdue={risk.reviewOverdue} testId="risk-next-review" />
            ) : (
              <Text size="sm" c="dimmed" data-testid="risk-next-review">
                {m.noNextReview}
              </Text>
            )}
          </Group>
          {risk.abilities.review ? (
            <Button leftSection={<IconClipboardCheck size={16} aria-hidden />} onClick={() => setOpen(true)} data-testid="review-record">
              {m.recordReview}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {m.cannotReview}
            </Text>
          )}
        </Group>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Title order={2} fz="lg" mb="md">
          {m.reviewsTitle}
        </Title>
        {treatment.isPending ? <LoadingState rows={3} /> : null}
        {treatment.isError ? <ErrorState error={treatment.error} onRetry={() => void treatment.refetch()} /> : null}
        {treatment.data ? <ReviewTable reviews={treatment.data.reviews} levelLabel={levelLabel} /> : null}
      </Paper>
      <Modal opened={isOpen} onClose={() => setOpen(false)} title={m.reviewDialogTitle(risk.ref)} size="lg" centered>
        {isOpen ? <ReviewForm orgId={orgId} risk={risk} onDone={() => setOpen(false)} /> : null}
      </Modal>
    </Stack>
  );
}
