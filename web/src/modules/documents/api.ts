// TanStack Query hooks over /api/qms, /api/documents and /api/legal-texts. A change to a document
// refetches every document query (register, detail, inbox, receipts); QMS changes refetch the
// registry and, for the framework model, the register too.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, upload } from '../../api/client';
import type {
  AnnouncementInput, Attachment, DocumentDetail, DocumentFilter, DocumentSummary, DraftInput,
  InboxItem, LegalText, NewDocumentInput, Qms, QmsInput, Receipt, TransitionAction, VerifyResult,
} from './model';

export const qmsKey = ['qms'] as const;
export const documentsKey = ['documents'] as const;
export const legalTextsKey = ['legal-texts'] as const;

// ---- QMS registry ---------------------------------------------------------------------------

export function useQmsList() {
  return useQuery({
    queryKey: [...qmsKey, 'list'],
    queryFn: async () => (await api.get<{ qms: Qms[] }>('/api/qms')).qms,
    staleTime: 60 * 1000,
  });
}

function useQmsMutation<Vars, Out>(run: (vars: Vars) => Promise<Out>, alsoDocuments = false) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: qmsKey });
      if (alsoDocuments) void client.invalidateQueries({ queryKey: documentsKey });
    },
  });
}

export function useCreateQms() {
  return useQmsMutation((input: QmsInput) => api.post<Qms>('/api/qms', input));
}

export function useUpdateQms() {
  return useQmsMutation(({ id, input }: { id: number; input: QmsInput }) => api.put<Qms>(`/api/qms/${id}`, input));
}

export function useAnnounce() {
  return useQmsMutation(({ id, input }: { id: number; input: AnnouncementInput }) =>
    api.post<Qms>(`/api/qms/${id}/announcements`, input));
}

export function useCreateFromFramework() {
  return useQmsMutation(async (id: number) =>
    (await api.post<{ document_ids: number[] }>(`/api/qms/${id}/framework`)).document_ids, true);
}


// ---- Documents ------------------------------------------------------------------------------

export function useDocuments(filter: DocumentFilter) {
  return useQuery({
    queryKey: [...documentsKey, 'list', filter],
    queryFn: async () => (await api.get<{ documents: DocumentSummary[] }>('/api/documents', {
      qms_id: filter.qms_id, kind: filter.kind, state: filter.state,
      review_due: filter.review_due ? 'true' : undefined, q: filter.q?.trim(),
    })).documents,
    placeholderData: (previous) => previous,   // keep the table while a new filter loads
  });
}

export function useInbox() {
  return useQuery({
    queryKey: [...documentsKey, 'inbox'],
    queryFn: async () => (await api.get<{ items: InboxItem[] }>('/api/documents/inbox')).items,
  });
}

export function useDocument(id: number) {
  return useQuery({
    queryKey: [...documentsKey, 'detail', id],
    queryFn: () => api.get<DocumentDetail>(`/api/documents/${id}`),
  });
}

export function useReceipts(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...documentsKey, 'receipts', id],
    queryFn: async () => (await api.get<{ receipts: Receipt[] }>(`/api/documents/${id}/receipts`)).receipts,
    enabled,
  });
}

export function useVerify() {
  return useMutation({
    mutationFn: ({ id, number }: { id: number; number: number }) =>
      api.get<VerifyResult>(`/api/documents/${id}/versions/${number}/verify`),
  });
}

function useDocumentMutation<Vars, Out>(run: (vars: Vars) => Promise<Out>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => void client.invalidateQueries({ queryKey: documentsKey }),
  });
}

export function useCreateDocument() {
  return useDocumentMutation((input: NewDocumentInput) => api.post<DocumentDetail>('/api/documents', input));
}

export function useUpdateDraft() {
  return useDocumentMutation(({ id, number, input }: { id: number; number: number; input: DraftInput }) =>
    api.put<DocumentDetail>(`/api/documents/${id}/versions/${number}`, input));
}

export function useNewVersion() {
  return useDocumentMutation((id: number) => api.post<DocumentDetail>(`/api/documents/${id}/versions`));
}

export function useTransition() {
  return useDocumentMutation(({ id, number, action, effectiveDate }: {
    id: number; number: number; action: TransitionAction; effectiveDate?: string;
  }) => api.post<DocumentDetail>(`/api/documents/${id}/versions/${number}/transitions`,
    effectiveDate ? { action, effective_date: effectiveDate } : { action }));
}

export function useUploadAttachment() {
  return useDocumentMutation(({ id, number, file }: { id: number; number: number; file: File }) =>
    upload<Attachment>(`/api/documents/${id}/versions/${number}/attachments?filename=${encodeURIComponent(file.name)}`,
      file, file.type));
}

export function useRemoveAttachment() {
  return useDocumentMutation(({ id, number, sha256 }: { id: number; number: number; sha256: string }) =>
    api.delete<void>(`/api/documents/${id}/versions/${number}/attachments/${sha256}`));
}

export const attachmentUrl = (id: number, number: number, sha256: string) =>
  `/api/documents/${id}/versions/${number}/attachments/${sha256}`;

export function useDistribute() {
  return useDocumentMutation(({ id, agencyIds, userIds }: { id: number; agencyIds: number[]; userIds: number[] }) =>
    api.post<{ receipts: Receipt[] }>(`/api/documents/${id}/distribution`, { agency_ids: agencyIds, user_ids: userIds }));
}

export function useAcknowledge() {
  return useDocumentMutation((id: number) => api.post<void>(`/api/documents/${id}/acknowledge`));
}

export function useSetLegalBases() {
  return useDocumentMutation(({ id, legalTextIds }: { id: number; legalTextIds: number[] }) =>
    api.put<DocumentDetail>(`/api/documents/${id}/legal-bases`, { legal_text_ids: legalTextIds }));
}

// ---- Legal texts ----------------------------------------------------------------------------

export function useLegalTexts() {
  return useQuery({
    queryKey: [...legalTextsKey],
    queryFn: async () => (await api.get<{ legal_texts: LegalText[] }>('/api/legal-texts')).legal_texts,
    staleTime: 60 * 1000,
  });
}

export function useCreateLegalText() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { number: string; title: string }) => api.post<LegalText>('/api/legal-texts', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: legalTextsKey }),
  });
}

export function useMarkLegalTextChanged() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changedOn }: { id: number; changedOn: string }) =>
      api.post<{ documents_flagged: number }>(`/api/legal-texts/${id}/changed`, { changed_on: changedOn }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: legalTextsKey });
      void client.invalidateQueries({ queryKey: documentsKey });
    },
  });
}

// The QMS the signed-in user's agency belongs to (owner or member), if any.
export function useMyQms(agencyId: number) {
  const list = useQmsList();
  const mine = list.data?.find((q) => q.member_agency_ids.includes(agencyId)) ?? null;
  return { ...list, mine };
}
