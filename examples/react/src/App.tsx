import { useRef, useState } from 'react';
import type { Call, SessionStatus, VoipSoftphone } from 'voip-softphone';

/** The 800ing server: `VITE_VOIP_SERVER` in `.env` (the repository's mock on port 8800 by default). */
const SERVER = import.meta.env.VITE_VOIP_SERVER;

export function App() {
  // A ref to the element itself: its methods (dial, answer, hangup…) and read-only properties.
  const softphone = useRef<VoipSoftphone>(null);
  const [status, setStatus] = useState<SessionStatus>('offline');
  const [call, setCall] = useState<Call | null>(null);
  const [log, setLog] = useState<string[]>([]);
  const note = (line: string) => setLog((lines) => [`${new Date().toLocaleTimeString()} ${line}`, ...lines].slice(0, 20));

  return (
    <main style={{ display: 'grid', gridTemplateColumns: '340px 1fr', alignItems: 'start', gap: 24, fontFamily: 'system-ui', padding: 24 }}>
      {/* React 19 sets `server`, `user`, `password`, `pollInterval`… as properties and adds
          `onvoip-ring` as a listener of the `voip-ring` event. */}
      <voip-softphone
        ref={softphone}
        server={SERVER}
        user="100008800"
        password="02367073578"
        pollInterval={1000}
        crm-url="https://crm.example.com/customers?phone={phone}&call={cdrId}"
        onvoip-status={(e) => setStatus(e.detail.status)}
        onvoip-login={(e) => note(`logged in as ${e.detail.agent.name} (${e.detail.agent.extension})`)}
        onvoip-ring={(e) => {
          setCall(e.detail.call);
          note(`ring ${e.detail.call.direction} ${e.detail.call.phone}`);
        }}
        onvoip-answer={(e) => note(`answered ${e.detail.call.phone}`)}
        onvoip-hangup={(e) => {
          setCall(null);
          note(`hung up ${e.detail.call.phone}`);
        }}
        onvoip-error={(e) => note(`error ${e.detail.error.code}: ${e.detail.error.message}`)}
      />
      <section>
        <h1>voip-softphone in React</h1>
        <p>
          Status: <strong>{status}</strong>
          {call ? ` · call with ${call.phone} (${call.state})` : ''}
        </p>
        <p>
          <button type="button" onClick={() => softphone.current?.dial('13812345678').catch(() => {})}>
            Dial 13812345678 from code
          </button>{' '}
          <button type="button" disabled={!call} onClick={() => softphone.current?.hangup().catch(() => {})}>
            Hang up from code
          </button>
        </p>
        <p>
          Make the phone ring: <code>curl -X POST "{SERVER}/mock/ring?user=100008800&amp;phone=13812345678"</code>
        </p>
        <ol>
          {log.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      </section>
    </main>
  );
}
