import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';
import { inChinese, refusalsInChinese } from './chinese-messages';

/**
 * Messages in the caller's language: where its Accept-Language prefers Chinese (RequestContext.language),
 * every error's message leads with its code's meaning in Chinese (the English in extensions.englishMessage),
 * and so does every userErrors/rowErrors message of a mutation's payload. Codes never change. Responses
 * say `Vary: Accept-Language`, so a cache keeps the two apart.
 */
export const messagesInCallersLanguage: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response, operation }) {
        const vary = response.http.headers.get('vary');
        response.http.headers.set('vary', vary ? `${vary}, Accept-Language` : 'Accept-Language');
        if (contextValue.language !== 'zh' || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (result.errors) {
          result.errors = result.errors.map((e) => ({ ...e, message: inChinese(String(e.extensions?.code ?? 'INTERNAL'), e.message), extensions: { ...e.extensions, englishMessage: e.message } }));
        }
        // Refusals are data only in mutation payloads; queries' data is left unread.
        if (operation?.operation === 'mutation' && result.data) refusalsInChinese(result.data);
      },
    };
  },
};
