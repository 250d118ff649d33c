import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TAdmissionNotice,
  TApplicationDetail,
  TApplicationList,
  TCreateYearRequest,
  TDirectAdmission,
  TDraw,
  TEnrollmentSchool,
  TEnrollmentYear,
  TFamilyResult,
  TFeederList,
  TInPersonReview,
  TOffer,
  TRegistryTransfer,
  TReturnToArea,
  TReviewBooking,
  TReviewSlip,
  TReviewSlot,
  TStage,
  TSubmitApplicationRequest,
  TSupply,
  TWaitlistList,
  TWaitlistSchools,
  ZAddressUseList,
  ZCreateReviewSlotsRequest,
  ZCreateReviewSlotsResponse,
  ZDrawList,
  ZEnrollmentYearList,
  ZExpireOffersResponse,
  ZMyApplications,
  ZOfferList,
  ZPublicDrawList,
  ZPublicFeederList,
  ZPublicYearList,
  ZReviewBookingList,
  ZReviewSlotList,
  ZRunDrawResponse,
} from '../../../../contracts/enrollment.ts';
import { api } from '../../app/api.ts';

type TPublicYearList = z.infer<typeof ZPublicYearList>;
export type TPublicDrawList = z.infer<typeof ZPublicDrawList>;
type TMyApplications = z.infer<typeof ZMyApplications>;
type TYearList = z.infer<typeof ZEnrollmentYearList>;
type TDrawList = z.infer<typeof ZDrawList>;
type TAddressUseList = z.infer<typeof ZAddressUseList>;
type TRunDrawResponse = z.infer<typeof ZRunDrawResponse>;

/** Every enrollment query starts with `['enrollment']`: a write refreshes every screen showing it. */
export const enrollmentKeys = {
  all: ['enrollment'] as const,
  part: (...rest: (string | number)[]) => ['enrollment', ...rest] as const,
};

/** Whether a session exists, asked without the client's redirect-to-login on 401 (public pages). */
export function useSessionProbe() {
  return useQuery({
    queryKey: enrollmentKeys.part('session'),
    queryFn: async () => {
      const res = await fetch('/api/auth/me', { credentials: 'same-origin' });
      return res.ok ? ((await res.json()) as { displayName: string; permissions: string[] }) : null;
    },
    retry: false,
  });
}

export const usePublicYears = () =>
  useQuery({
    queryKey: enrollmentKeys.part('public-years'),
    queryFn: () => api.get<TPublicYearList>('/api/public/enrollment/years'),
  });
export const usePublicDraws = () =>
  useQuery({
    queryKey: enrollmentKeys.part('public-draws'),
    queryFn: () => api.get<TPublicDrawList>('/api/public/enrollment/draws'),
  });
export const fetchBundleText = async (id: number) => {
  const res = await fetch(`/api/public/enrollment/draws/${id}/bundle`);
  if (!res.ok) throw new Error(`bundle ${res.status}`);
  return res.text();
};
export const fetchFamily = (id: number, lotteryId: string) =>
  api.get<TFamilyResult>(
    `/api/public/enrollment/draws/${id}/family?lotteryId=${encodeURIComponent(lotteryId)}`,
  );

export function useMyApplications(enabled: boolean) {
  return useQuery({
    queryKey: enrollmentKeys.part('mine'),
    queryFn: () => api.get<TMyApplications>('/api/enrollment/my/applications'),
    enabled,
  });
}

function useWrite<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: enrollmentKeys.all }),
  });
}

export const useSubmitApplication = () =>
  useWrite((input: TSubmitApplicationRequest) =>
    api.post<TApplicationDetail>('/api/enrollment/my/applications', input),
  );
export const useResubmit = () =>
  useWrite(({ id, ...input }: Record<string, unknown> & { id: number }) =>
    api.post<TApplicationDetail>(`/api/enrollment/my/applications/${id}/resubmit`, input),
  );
export const useUploadDocument = () =>
  useWrite(({ id, kind, file }: { id: number; kind: string; file: File }) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    return api.upload<TApplicationDetail>(`/api/enrollment/my/applications/${id}/documents`, form);
  });
export const useOfferResponse = () =>
  useWrite(({ id, action }: { id: number; action: 'confirm' | 'decline' }) =>
    api.post<TOffer>(`/api/enrollment/my/offers/${id}/${action}`),
  );
export const useNotice = (id: number) =>
  useQuery({
    queryKey: enrollmentKeys.part('notice', id),
    queryFn: () => api.get<TAdmissionNotice>(`/api/enrollment/offers/${id}/notice`),
  });

// ── officers ──
export const useYears = () =>
  useQuery({
    queryKey: enrollmentKeys.part('years'),
    queryFn: () => api.get<TYearList>('/api/enrollment/years'),
  });
export const useUpdateYear = () =>
  useWrite(({ id, ...body }: { id: number; name?: string; status?: string; config?: unknown }) =>
    api.patch<TEnrollmentYear>(`/api/enrollment/years/${id}`, body),
  );
export function useApplications(query: string) {
  return useQuery({
    queryKey: enrollmentKeys.part('applications', query),
    queryFn: () => api.get<TApplicationList>(`/api/enrollment/applications?${query}`),
    placeholderData: keepPreviousData,
  });
}
export const useApplication = (id: number | null) =>
  useQuery({
    queryKey: enrollmentKeys.part('application', id ?? 0),
    queryFn: () => api.get<TApplicationDetail>(`/api/enrollment/applications/${id}`),
    enabled: id !== null,
  });
export const useReview = () =>
  useWrite(({ id, ...body }: { id: number; agency: string; passed: boolean; reason?: string }) =>
    api.post<TApplicationDetail>(`/api/enrollment/applications/${id}/reviews`, body),
  );
export const useDecision = () =>
  useWrite(({ id, ...body }: { id: number; approve: boolean; reason?: string }) =>
    api.post<TApplicationDetail>(`/api/enrollment/applications/${id}/decision`, body),
  );
export const useAddressException = () =>
  useWrite(({ id, reason }: { id: number; reason: string }) =>
    api.post<TApplicationDetail>(`/api/enrollment/applications/${id}/address-exception`, { reason }),
  );
export const useAddressUses = (page: number) =>
  useQuery({
    queryKey: enrollmentKeys.part('ledger', page),
    queryFn: () => api.get<TAddressUseList>(`/api/enrollment/address-uses?page=${page}&pageSize=20`),
  });
export const useDraws = (yearId?: number) =>
  useQuery({
    queryKey: enrollmentKeys.part('draws', yearId ?? 0),
    queryFn: () => api.get<TDrawList>(`/api/enrollment/draws${yearId ? `?yearId=${yearId}` : ''}`),
    // A running draw is polled until its job has stored the bundle.
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'running') ? 1000 : false),
  });
export const useCreateDraw = () =>
  useWrite((body: Record<string, unknown>) => api.post<TDraw>('/api/enrollment/draws', body));
export const useDrawStep = () =>
  useWrite(
    ({
      id,
      step,
      body,
    }: {
      id: number;
      step: 'freeze' | 'commitments' | 'reveals' | 'publish';
      body?: unknown;
    }) => api.post<TDraw>(`/api/enrollment/draws/${id}/${step}`, body ?? {}),
  );
export const useRunDraw = () =>
  useWrite((id: number) => api.post<TRunDrawResponse>(`/api/enrollment/draws/${id}/run`));
export const useSupply = (yearId: number | undefined) =>
  useQuery({
    queryKey: enrollmentKeys.part('supply', yearId ?? 0),
    queryFn: () => api.get<TSupply>(`/api/enrollment/years/${yearId}/supply`),
    enabled: !!yearId,
  });
export const useYearSchools = (yearId: number) =>
  useQuery({
    queryKey: enrollmentKeys.part('schools', yearId),
    queryFn: () => api.get<{ items: TEnrollmentSchool[] }>(`/api/enrollment/years/${yearId}/schools`),
  });
export const usePutSchools = () =>
  useWrite(
    ({
      yearId,
      schools,
    }: {
      yearId: number;
      schools: Omit<TEnrollmentSchool, 'code' | 'name' | 'zoneId' | 'zoneName'>[];
    }) => api.post<{ items: TEnrollmentSchool[] }>(`/api/enrollment/years/${yearId}/schools`, { schools }),
  );

// ── in-person review (预约现场审核) ──
type TReviewSlotList = z.infer<typeof ZReviewSlotList>;
type TReviewBookingList = z.infer<typeof ZReviewBookingList>;
export const useInPersonReview = (applicationId: number, enabled = true) =>
  useQuery({
    queryKey: enrollmentKeys.part('in-person-review', applicationId),
    queryFn: () => api.get<TInPersonReview>(`/api/enrollment/applications/${applicationId}/in-person-review`),
    enabled,
  });
export const useBookReview = () =>
  useWrite(({ id, slotId }: { id: number; slotId: number }) =>
    api.post<TInPersonReview>(`/api/enrollment/my/applications/${id}/review-booking`, { slotId }),
  );
export const useCancelReviewBooking = () =>
  useWrite((id: number) => api.post<TInPersonReview>(`/api/enrollment/my/review-bookings/${id}/cancel`));
export const useReviewSlip = (id: number) =>
  useQuery({
    queryKey: enrollmentKeys.part('review-slip', id),
    queryFn: () => api.get<TReviewSlip>(`/api/enrollment/review-bookings/${id}/slip`),
  });
export const useReviewSlots = (query: string) =>
  useQuery({
    queryKey: enrollmentKeys.part('review-slots', query),
    queryFn: () => api.get<TReviewSlotList>(`/api/enrollment/review-slots?${query}`),
    placeholderData: keepPreviousData,
  });
export const useCreateReviewSlots = () =>
  useWrite((body: z.input<typeof ZCreateReviewSlotsRequest>) =>
    api.post<z.infer<typeof ZCreateReviewSlotsResponse>>('/api/enrollment/review-slots', body),
  );
export const useUpdateReviewSlot = () =>
  useWrite(({ id, capacity }: { id: number; capacity: number }) =>
    api.patch<TReviewSlot>(`/api/enrollment/review-slots/${id}`, { capacity }),
  );
export const useCancelReviewSlot = () =>
  useWrite(({ id, reason }: { id: number; reason: string }) =>
    api.post<TReviewSlot>(`/api/enrollment/review-slots/${id}/cancel`, { reason }),
  );
export const useReviewBookings = (query: string, enabled = true) =>
  useQuery({
    queryKey: enrollmentKeys.part('review-bookings', query),
    queryFn: () => api.get<TReviewBookingList>(`/api/enrollment/review-bookings?${query}`),
    enabled,
  });
export const useMarkAttendance = () =>
  useWrite(({ id, attended }: { id: number; attended: boolean }) =>
    api.post<TReviewBooking>(`/api/enrollment/review-bookings/${id}/attendance`, { attended }),
  );
/** The 学区 asks an application in review for an in-person review, with a reason the family sees. */
export const useRequestInPersonReview = () =>
  useWrite(({ id, reason }: { id: number; reason: string }) =>
    api.post<TInPersonReview>(`/api/enrollment/applications/${id}/in-person-review`, { reason }),
  );

// ── the officers' year form, offers and waitlists, the hand-over to the student registry ──
type TOfferList = z.infer<typeof ZOfferList>;
type TExpireOffers = z.infer<typeof ZExpireOffersResponse>;
export const useCreateYear = () =>
  useWrite((body: TCreateYearRequest) => api.post<TEnrollmentYear>('/api/enrollment/years', body));
export const useOffers = (query: string) =>
  useQuery({
    queryKey: enrollmentKeys.part('offers', query),
    queryFn: () => api.get<TOfferList>(`/api/enrollment/offers?${query}`),
    placeholderData: keepPreviousData,
  });
export const useWaitlists = (query: string, enabled: boolean) =>
  useQuery({
    queryKey: enrollmentKeys.part('waitlists', query),
    queryFn: () => api.get<TWaitlistList>(`/api/enrollment/waitlists?${query}`),
    placeholderData: keepPreviousData,
    enabled,
  });
export const useWaitlistSchools = (drawId: number | undefined) =>
  useQuery({
    queryKey: enrollmentKeys.part('waitlist-schools', drawId ?? 0),
    queryFn: () => api.get<TWaitlistSchools>(`/api/enrollment/waitlists/schools?drawId=${drawId}`),
    enabled: !!drawId,
  });
export const useExpireOffers = () =>
  useWrite((drawId: number) => api.post<TExpireOffers>(`/api/enrollment/draws/${drawId}/expire-offers`));
export const useRegistryTransfer = () =>
  useWrite(({ yearId, stage }: { yearId: number; stage: TStage }) =>
    api.post<TRegistryTransfer>(`/api/enrollment/years/${yearId}/registry-transfer`, { stage }),
  );

// ── the junior-entry routes: feeder pairs, direct admission, the return to 派位 ──
type TPublicFeederList = z.infer<typeof ZPublicFeederList>;
/** Every feeder pair of a year (the edit table saves them all at once), 200 a page. */
export const useFeeders = (yearId: number) =>
  useQuery({
    queryKey: enrollmentKeys.part('feeders', yearId),
    queryFn: async () => {
      const first = await api.get<TFeederList>(`/api/enrollment/years/${yearId}/feeders?pageSize=200`);
      const items = [...first.items];
      for (let page = 2; items.length < first.total; page++)
        items.push(
          ...(await api.get<TFeederList>(`/api/enrollment/years/${yearId}/feeders?pageSize=200&page=${page}`))
            .items,
        );
      return { items, total: first.total };
    },
  });
export const usePutFeeders = () =>
  useWrite(
    ({
      yearId,
      feeders,
    }: {
      yearId: number;
      feeders: { middleSchoolId: number; feederSchoolId: number; leavers?: number }[];
    }) => api.post<TFeederList>(`/api/enrollment/years/${yearId}/feeders`, { feeders }),
  );
export const usePublicFeeders = (yearId: number | undefined) =>
  useQuery({
    queryKey: enrollmentKeys.part('public-feeders', yearId ?? 0),
    queryFn: () => api.get<TPublicFeederList>(`/api/public/enrollment/years/${yearId}/feeders`),
    enabled: !!yearId,
  });
export const useDirectAdmission = () =>
  useWrite(({ yearId, schoolId }: { yearId: number; schoolId: number }) =>
    api.post<TDirectAdmission>(`/api/enrollment/years/${yearId}/direct-admission`, { schoolId }),
  );
export const useReturnUnplaced = () =>
  useWrite((drawId: number) => api.post<TReturnToArea>(`/api/enrollment/draws/${drawId}/return-unplaced`));
export const useReturnToArea = () =>
  useWrite((id: number) =>
    api.post<TApplicationDetail>(`/api/enrollment/my/applications/${id}/return-to-area`),
  );
export const useAreaChoices = () =>
  useWrite(({ id, choices }: { id: number; choices: number[] }) =>
    api.post<TApplicationDetail>(`/api/enrollment/my/applications/${id}/area-choices`, { choices }),
  );
