import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * The QR code of `value` as an inline SVG (sharp at any print size). Error correction M keeps it
 * readable with a scuffed corner on a table sticker.
 */
export function QrCode({ value, size, label }: { value: string; size: number; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
      (text) => live && setSvg(text),
      () => live && setSvg(null),
    );
    return () => {
      live = false;
    };
  }, [value]);
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="qr-code"
      data-qr-value={value}
      style={{ width: size, height: size, lineHeight: 0 }}
      // The SVG comes from the QR library and encodes only `value`.
      // biome-ignore lint/security/noDangerouslySetInnerHtml: generated markup, no user HTML
      dangerouslySetInnerHTML={svg ? { __html: svg.replace('<svg ', '<svg width="100%" height="100%" ') } : undefined}
    />
  );
}
