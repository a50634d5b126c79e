package dev.baton.notification.channel;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.io.UnsupportedEncodingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends a plain-text email over SMTP ({@code spring.mail.*}) to the recipient's directory address, from the channel's
 * {@code from}. The delivery id is the {@code Message-ID} (and {@code X-Baton-Delivery}), so a mail system that
 * deduplicates by it never shows a retried message twice. A recipient without an address, or an address the server
 * refuses, is refused for good; a server that cannot be reached or fails otherwise is retried.
 */
public final class EmailChannel implements Channel {
    private final String name;
    private final ChannelSettings settings;
    private final JavaMailSender mail;
    private final Executor executor;

    public EmailChannel(String name, ChannelSettings settings, JavaMailSender mail, Executor executor) {
        this.name = name;
        this.settings = settings;
        this.mail = mail;
        this.executor = executor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    /** The SMTP server: every email channel of this worker sends through the same one. */
    @Override
    public String target() {
        return mail instanceof JavaMailSenderImpl smtp ? "smtp://" + smtp.getHost() + ":" + smtp.getPort() : "smtp";
    }

    @Override
    public CompletableFuture<SendResult> send(Message message) {
        String to = message.recipient().email();
        if (to == null || to.isBlank()) {
            return CompletableFuture.completedFuture(SendResult.rejected(
                    "Expected an email address of '" + message.recipient().username() + "' in the directory, but "
                            + "there is none"));
        }
        return CompletableFuture.supplyAsync(() -> send(message, to), executor);
    }

    private SendResult send(Message message, String to) {
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper email = new MimeMessageHelper(mime, false, "UTF-8");
            email.setFrom(settings.from());
            email.setTo(new InternetAddress(to, message.recipient().name(), "UTF-8"));
            email.setSubject(message.subject());
            email.setText(message.body(), false);
            mime.setHeader("X-Baton-Delivery", message.deliveryId());
            mime.setHeader("Message-ID", "<" + message.deliveryId().replaceAll("[^A-Za-z0-9.:_-]", "_")
                    + "@baton>");
            mail.send(mime);
            return SendResult.ok();
        } catch (MailAuthenticationException e) {
            return SendResult.retryable("The SMTP server refused Baton's login: " + e.getMessage());
        } catch (MailParseException | MessagingException | UnsupportedEncodingException e) {
            return SendResult.rejected("Cannot write the email: " + e.getMessage());
        } catch (MailSendException e) {
            return refusedAddress(e) ? SendResult.rejected("The SMTP server refused " + to + ": " + e.getMessage())
                    : SendResult.retryable("Cannot send through the SMTP server: " + e.getMessage());
        } catch (MailException e) {
            return SendResult.retryable("Cannot send through the SMTP server: " + e.getMessage());
        }
    }

    /** A 5xx answer to the recipient (e.g. 550 no such user) is final; anything else may pass later. */
    private static boolean refusedAddress(MailSendException e) {
        for (Exception failure : e.getFailedMessages().values()) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof jakarta.mail.SendFailedException sent && sent.getInvalidAddresses() != null
                        && sent.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
