// A QR code of a token or envelope, drawn as one SVG path from the qrcode library's module matrix.
import QRCode from 'qrcode';
import { useMemo } from 'react';

export function QrCode({ text, label }: { text: string; label: string }) {
  const path = useMemo(() => {
    let modules;
    try {
      modules = QRCode.create(text, { errorCorrectionLevel: 'L' }).modules;
    } catch {
      return null; // longer than a QR code holds
    }
    const { size, data } = modules;
    let d = '';
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (data[y * size + x]) d += `M${x + 4} ${y + 4}h1v1h-1z`;
    return { d, size: size + 8 };
  }, [text]);
  if (!path) return <p className="note">Too long for one QR code; send it by paste instead.</p>;
  return (
    <svg className="qr" viewBox={`0 0 ${path.size} ${path.size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
