// The language client library, evaluated only when the server starts, so
// that activating the extension stays fast (see loadClient in extension.ts).

import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
} from "vscode-languageclient/node";

export { CloseAction, DidChangeConfigurationNotification, ErrorAction, ExecuteCommandRequest, RevealOutputChannelOn };
export type { LanguageClientOptions, ServerOptions };

/** A client whose own error pop-ups are silenced while it starts: the extension explains start failures itself. */
export class SpeclintClient extends LanguageClient {
  quiet = true;

  override error(message: string, data?: unknown, showNotification: boolean | "force" = true): void {
    super.error(message, data, this.quiet ? false : showNotification);
  }
}

export function createClient(serverOptions: ServerOptions, clientOptions: LanguageClientOptions): SpeclintClient {
  return new SpeclintClient("speclint", "speclint", serverOptions, clientOptions);
}
