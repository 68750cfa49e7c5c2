/**
 * Route declarations. `secured(roles, config)` adds authentication, the role gate and (on POST) idempotency,
 * and records the roles in the OpenAPI document as `x-roles`, which is also the route table the authorization
 * matrix tests are generated from (tests/security).
 */
import type { RouteConfig } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import type { Role } from '../core/identity/roles';
import { allow, authenticate } from './middleware/auth';
import { idempotency } from './middleware/idempotency';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const errorResponses = {
  400: {
    description: 'Malformed or invalid request',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Role not allowed', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'Not found (or not yours)', content: { 'application/json': { schema: ErrorSchema } } },
  409: { description: 'Conflict', content: { 'application/json': { schema: ErrorSchema } } },
  413: { description: 'Body too large', content: { 'application/json': { schema: ErrorSchema } } },
  422: { description: 'Breaks a rule', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export type Roles = readonly Role[] | 'any';

export function secured<const R extends Omit<RouteConfig, 'middleware'>>(roles: Roles, config: R) {
  return createRoute({
    ...config,
    security: [{ bearer: [] }],
    'x-roles': roles === 'any' ? ['admin', 'enterprise', 'consultant', 'expert', 'bank'] : [...roles],
    responses: { ...errorResponses, ...config.responses },
    middleware:
      config.method === 'post' ? [authenticate, allow(roles), idempotency] : [authenticate, allow(roles)],
  });
}

export function open<const R extends Omit<RouteConfig, 'middleware'>>(config: R) {
  return createRoute({
    ...config,
    'x-roles': 'public',
    responses: { ...errorResponses, ...config.responses },
  });
}

/** A JSON request body, required, validated strictly (unknown fields refused). */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { required: true, content: { 'application/json': { schema } } } } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}
