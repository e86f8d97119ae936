/** Who is acting in a request. Built by the auth plugin, used by the Store. */
export type Actor = {
  kind: 'user' | 'system' | 'machine' | 'citizen';
  id: string | null;
  name: string;
  roles: string[];
  teamIds: string[];
  onBehalfOf?: string;
};

export type RequestContext = {
  actor: Actor;
  remoteAddr?: string;
  requestId?: string;
};

export const systemContext = (name = 'system'): RequestContext => ({
  actor: { kind: 'system', id: null, name, roles: [], teamIds: [] },
});
