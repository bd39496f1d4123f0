/** A failure said in words, in both languages (the user may not have chosen one yet). */
export function ErrorBox({ title, message }: { title: string; message: { vi: string; en: string } }) {
  return (
    <div className="error-box" role="alert" data-testid="error">
      <h2>{title}</h2>
      <p lang="vi">{message.vi}</p>
      <p lang="en">{message.en}</p>
    </div>
  );
}
