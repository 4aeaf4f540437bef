// TanStack Query hooks over /api/users (administrators).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Role, User } from '../auth/model';

export const usersKey = ['users'] as const;

export interface UserFilter {
  agencyId: number | null;
  q: string;
}

export interface NewUser {
  username: string;
  full_name: string;
  email: string;
  agency_id: number;
  roles: Role[];
  password: string;
}

export interface UserChanges {
  full_name: string;
  email: string;
  agency_id: number;
  roles: Role[];
  active: boolean;
}

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: [...usersKey, filter],
    queryFn: async () =>
      (await api.get<{ users: User[] }>('/api/users', { agency_id: filter.agencyId, q: filter.q.trim() })).users,
    placeholderData: (previous) => previous,   // keep the table while a new filter loads
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewUser) => api.post<User>('/api/users', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: UserChanges }) => api.put<User>(`/api/users/${id}`, changes),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: usersKey });
      void client.invalidateQueries({ queryKey: ['auth'] });   // one may edit oneself
    },
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: number; newPassword: string }) =>
      api.post<void>(`/api/users/${id}/password`, { new_password: newPassword }),
  });
}

export function changesOf(user: User): UserChanges {
  return { full_name: user.full_name, email: user.email, agency_id: user.agency_id, roles: user.roles, active: user.active };
}
