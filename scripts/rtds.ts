// The GBCS Reference Test Data Set identities and the shared secret Z given with them (tokens.md
// section 3; keys/gbcs-rtds/): TEST material used by the tests, the vector sources, bench and fuzzer.
import { makeParty } from '../firmware/tokens/party.js';

export const RTDS = {
  originatorId: '90B3D51F30010000',
  deviceId: '00DB1234567890A0',
  sharedSecret: '5c00001ae96494fedfd740c4679d346e913d89b978beeff76577be69c92bf3ce',
};

export const rtdsParty = makeParty(RTDS.originatorId, RTDS.deviceId, RTDS.sharedSecret);
