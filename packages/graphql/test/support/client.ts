/** A GraphQL response as the client received it. */
export interface GraphqlResponse {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** One GraphQL request as JSON. */
export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** Posts a GraphQL request, or a batch of them, as JSON and reads the response. */
export async function postGraphql(
  url: string,
  request: GraphqlRequest | GraphqlRequest[],
): Promise<GraphqlResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body,
  };
}
