import { ZSearchQuery, ZSearchResponse } from '../../../contracts/search.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { searchDocuments } from '../../core/search/index.ts';

export const searchRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/search',
    summary: 'Search people, units … in the caller’s scope (Chinese segmented full-text)',
    tags: ['search'],
    // Any signed-in user: the scope filter inside the query decides what each one sees.
    access: 'session',
    query: ZSearchQuery,
    response: ZSearchResponse,
    handler: async ({ actor, tx, query }) => ({
      items: await searchDocuments(tx, actor, { q: query.q, limit: query.limit }),
    }),
  }),
];
