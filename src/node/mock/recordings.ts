/**
 * Recordings of calls that were talked: `/voip/record/<cdrRecordFile>` serves a tiny valid WAV
 * and the download endpoint (`?id=cdrId&ismp3=1`) a few bytes of MP3 (docs/800ing-api.md §5). Calls without a
 * recording are 404.
 */
import type { MockState } from './mock-state.js';
import type { Params } from './params.js';

/** 0.1 s of 8 kHz 16-bit mono silence with its RIFF header: what a telephony recording looks like. */
function silentWav(): Buffer {
  const sampleRate = 8000;
  const dataBytes = sampleRate / 10 * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  return wav;
}

/** One silent MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz): 417 bytes starting with the frame sync. */
function silentMp3(): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x04], 0);
  return frame;
}

const WAV = silentWav();
const MP3 = silentMp3();

export interface FileReply {
  contentType: string;
  body: Buffer;
}

/** The recording at this path below Endpoint.Record, or undefined (404). */
export function recordingFile(state: MockState, file: string): FileReply | undefined {
  const call = state.calls.byRecordFile(file);
  return call ? { contentType: 'audio/wav', body: WAV } : undefined;
}

/** The download endpoint: MP3 with `ismp3=1`, else the WAV; undefined (404) without a recording. */
export function recordingDownload(state: MockState, params: Params): FileReply | undefined {
  const call = state.calls.get(params.text('id').trim());
  if (!call || !call.record.cdrRecordFile) return undefined;
  return params.text('ismp3') === '1' ? { contentType: 'audio/mpeg', body: MP3 } : { contentType: 'audio/wav', body: WAV };
}
