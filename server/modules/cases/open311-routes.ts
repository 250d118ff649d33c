import { z } from 'zod';
import {
  ZOpen311Post,
  ZOpen311PostResponse,
  ZOpen311Requests,
  ZOpen311RequestsQuery,
  ZOpen311Services,
} from '../../../contracts/cases.ts';
import { DomainError } from '../../core/errors.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { open311Create, open311Requests, open311Services } from './open311.ts';

const tags = ['open311'];

/**
 * Open311 GeoReport v2 (JSON). GETs are public and answer without personal data; POST needs an
 * API key issued by the commission (POST /api/cases/api-keys). Bodies are JSON (the specification
 * also allows form encoding, which this server does not parse).
 */
export const open311Routes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/open311/v2/services.json',
    summary: 'Open311: the service list (the 12345 dispatch catalogue)',
    tags,
    access: 'public',
    query: z.object({ jurisdiction_id: z.string().max(60).optional() }),
    response: ZOpen311Services,
    handler: ({ tx, query }) => open311Services(tx, query.jurisdiction_id),
  }),
  defineRoute({
    method: 'GET',
    url: '/open311/v2/requests.json',
    summary: 'Open311: service requests (no personal data)',
    tags,
    access: 'public',
    query: ZOpen311RequestsQuery,
    response: ZOpen311Requests,
    handler: ({ tx, query }) => open311Requests(tx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/open311/v2/requests/:id(^[A-Za-z0-9-]{1,40}).json',
    summary: 'Open311: one service request',
    tags,
    access: 'public',
    params: z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) }),
    query: z.object({ jurisdiction_id: z.string().max(60).optional() }),
    response: ZOpen311Requests,
    handler: async ({ tx, params, query }) => {
      const found = await open311Requests(tx, { id: params.id, jurisdiction_id: query.jurisdiction_id });
      if (!found.length) throw new DomainError('request.not_found');
      return found;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/open311/v2/requests.json',
    summary: 'Open311: create a service request (API key)',
    tags,
    access: 'public',
    body: ZOpen311Post,
    response: ZOpen311PostResponse,
    handler: ({ tx, body }) => open311Create(tx, body),
  }),
];
