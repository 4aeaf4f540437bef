// The printable single-window forms of a dossier (Circular 01/2018/TT-VPCP numbering, as the
// server prints them): which apply to it, and fetching one as a PDF into a new tab.
import { ApiError } from '../../api/client';
import { getLanguage } from '../../i18n/language';
import type { Dossier } from './model';

export const formKinds = ['01', '02', '03', '04', '05'] as const;
export type FormKind = (typeof formKinds)[number];

// As the server decides (src/dossiers/forms_service.cpp, Applies):
// 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả and 05 Phiếu kiểm soát quá trình giải quyết hồ sơ:
//    once received (numbered, intake outcome "received").
// 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: guided at intake, or waiting for a supplement.
// 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ: refused at intake, or a negative result.
// 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả: after the apology.
export function applicableForms(d: Pick<Dossier, 'number' | 'outcome' | 'status' | 'result_positive' | 'apologized'>): FormKind[] {
  const received = d.number !== null && d.outcome === 'received';
  const out: FormKind[] = [];
  if (received) out.push('01');
  if ((d.status === 1 && d.outcome === 'guided') || d.status === 5) out.push('02');
  if (d.status === 3 || d.result_positive === false) out.push('03');
  if (d.apologized) out.push('04');
  if (received) out.push('05');
  return out;
}

// Mẫu 06 Sổ theo dõi hồ sơ: one book per agency and year.
export const bookPath = (agencyId: number, year: number) => `/api/dossiers/book?agency_id=${agencyId}&year=${year}`;

export const formPath = (dossierId: number, kind: FormKind) => `/api/dossiers/${dossierId}/forms/${kind}`;

// Fetches a PDF (GET, or POST with a JSON body and the CSRF header); a non-2xx reply becomes an
// ApiError with the server's localized message.
export async function fetchPdf(path: string, csrfToken: string | null, body?: unknown): Promise<Blob> {
  const headers: Record<string, string> = { Accept: 'application/pdf, application/json', 'Accept-Language': getLanguage() };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, { method: body === undefined ? 'GET' : 'POST', headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) {
    let payload: unknown;
    try { payload = await response.json(); } catch { payload = undefined; }
    const error = (payload as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.code || `http.${response.status}`, error?.message ?? '', error?.field ?? null, payload);
  }
  return response.blob();
}

// Opens a tab at once (a tab opened after an await is blocked as a pop-up), then shows the PDF in
// it; closes the tab again when the PDF could not be had.
export async function openPdf(load: () => Promise<Blob>): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const blob = await load();
    const url = URL.createObjectURL(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }));
    if (tab) tab.location.href = url;
    else window.location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    throw error;
  }
}
