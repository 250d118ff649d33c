import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A number people show at a door (an exam ticket, an in-person review booking) as a QR code: an SVG
 * drawn by `qrcode` in the browser, sharp at any print resolution. The size comes from the caller's
 * class or style; its CSS should stretch the inner `svg` to 100 %.
 */
export function QrCode({
  text,
  testId,
  className,
  style,
}: {
  text: string;
  testId: string;
  className?: string;
  style?: React.CSSProperties;
}) {
  const [svg, setSvg] = useState('');
  useEffect(() => {
    let current = true;
    void QRCode.toString(text, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }).then((out) => {
      if (current) setSvg(out);
    });
    return () => {
      current = false;
    };
  }, [text]);
  return (
    <div
      className={className}
      data-testid={testId}
      title={text}
      style={style}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: qrcode's own SVG of the number, no user HTML
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
