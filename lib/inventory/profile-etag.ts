import 'server-only';
import { createHash } from 'node:crypto';

// GetProfile fields that change on every answer (when Bungie minted it) or every minute the player
// is in game, and that no view shows: left out of the comparison so an unchanged vault stays unchanged.
const VOLATILE = /"(responseMintedTimestamp|secondaryComponentsMintedTimestamp|minutesPlayedThisSession|minutesPlayedTotal)":("[^"]*"|-?\d+)/g;

/** What a view built from a GetProfile answer depends on, besides the answer. */
export type ViewInputs = {
  /** The player: a tag is never valid for anyone else. */
  userId: string;
  /** The deployment (its code builds the view): `AppConfig.deploymentId`. */
  deploymentId: string;
  /** The manifest the definitions come from: `pageDefinitionsTag()`. */
  manifest: string;
};

/**
 * A strong ETag for the view a GetProfile answer makes, from the answer's text itself — so an
 * unchanged answer is recognised before it is parsed and before any tile is built. Two answers
 * with the same tag differ at most in the fields `VOLATILE` names.
 */
export function profileEtag(inputs: ViewInputs, answerText: string): string {
  const hash = createHash('sha256');
  hash.update(`${inputs.userId}\n${inputs.deploymentId}\n${inputs.manifest}\n`);
  hash.update(answerText.replace(VOLATILE, '"$1":0'));
  return `"p${hash.digest('base64url').slice(0, 22)}"`;
}
