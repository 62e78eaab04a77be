// The tag every letter email carries (`tags: [{ name: "recipient_id", value }]`), so a delivery event that
// arrives before the message id is stored still finds its recipient. Shared by the sender and the webhook.
export const RECIPIENT_TAG = "recipient_id";
